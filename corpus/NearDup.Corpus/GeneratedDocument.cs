namespace NearDup.Corpus;

/// <summary>One generated document with its label.</summary>
/// <param name="Id">Unique id, in output order (<c>doc00000000</c>, <c>doc00000001</c>, …); reveals nothing about the label.</param>
/// <param name="Text">The document text.</param>
/// <param name="Date">Publication date as ISO <c>yyyy-MM-dd</c>, or null when the page carried none. Copies are dated on or after their original.</param>
/// <param name="Source">Name of the site that published the document.</param>
/// <param name="Cluster">Story label shared by the original and all its copies.</param>
/// <param name="Role">One of <see cref="DocumentRoles"/>.</param>
public sealed record GeneratedDocument(string Id, string Text, string? Date, string? Source, string Cluster, string Role);

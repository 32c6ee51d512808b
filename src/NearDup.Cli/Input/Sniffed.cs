namespace NearDup.Cli.Input;

/// <summary>
/// What an input's first bytes show: its kind, the length of a UTF-8 byte order mark to skip, how to name it in a
/// message ("a JSON array"), and how to make it readable, when it is not ("convert it with jq -c '.[]'").
/// </summary>
internal readonly record struct Sniffed(ContentKind Kind, string Description, string Hint = "", int BomLength = 0);

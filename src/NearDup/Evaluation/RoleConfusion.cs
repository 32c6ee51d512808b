namespace NearDup.Evaluation;

/// <summary>
/// Members with their story's canonical that carry one labelled role and were given one predicted role: a cell of
/// the table that tells which roles role accuracy loses to which (an excerpt called rewritten, a spin called syndicated).
/// </summary>
/// <param name="Labelled">The labelled role.</param>
/// <param name="Given">The predicted role.</param>
/// <param name="Members">How many members.</param>
public readonly record struct RoleConfusion(string Labelled, string Given, int Members);

using NearDup.Evaluation;

namespace NearDup.Tests.Evaluation;

/// <summary>Canonical and role accuracy as <c>neardup eval</c> prints them, on a small hand-made prediction.</summary>
public sealed class RoleAccuracyTests
{
    [Fact]
    public void Evaluate_CountsCanonicalsAndRolesAgainstTheLabels()
    {
        var labels = new Dictionary<string, Label>
        {
            ["o1"] = new("s1", "original"),
            ["e1"] = new("s1", "exact"),
            ["x1"] = new("s1", "excerpt"),
            ["r1"] = new("s1", "rewritten"),
            ["o2"] = new("s2", "original"),
            ["y2"] = new("s2", "syndicated"),
            ["o3"] = new("s3", "original"),
        };
        var predicted = new Dictionary<string, Prediction>
        {
            // Story 1: an exact copy is canonical (right); the original is then exact (right), the excerpt is called
            // rewritten (wrong), the rewrite is right.
            ["e1"] = new("c1", Role: "canonical"),
            ["o1"] = new("c1", Role: "exact"),
            ["x1"] = new("c1", Role: "rewritten"),
            ["r1"] = new("c1", Role: "rewritten"),
            // Story 2: the syndicated copy is canonical (wrong); the original under it, called syndicated, is not its label.
            ["y2"] = new("c2", Role: "canonical"),
            ["o2"] = new("c2", Role: "syndicated"),
            // A singleton is no cluster of 2+.
            ["o3"] = new("c3", Role: "canonical"),
        };
        var report = QualityEvaluator.Evaluate(labels, predicted);
        Assert.Equal((2, 1), (report.CanonicalClusters, report.CanonicalRight));
        Assert.Equal((4, 2), (report.RoleMembers, report.RolesRight));
        // The same members by labelled and given role, ordered by both.
        Assert.Equal(
            [new("excerpt", "rewritten", 1), new("original", "exact", 1), new("original", "syndicated", 1), new("rewritten", "rewritten", 1)],
            report.RoleConfusions);
    }

    [Fact]
    public void Evaluate_RoleConfusions_CountEachCellOnce_WhateverTheInputOrderAndCase()
    {
        var labels = new Dictionary<string, Label>
        {
            ["o"] = new("s", "original"),
            ["a"] = new("s", "Excerpt"),
            ["b"] = new("s", "excerpt"),
            ["c"] = new("s", "excerpt"),
        };
        var predicted = new Dictionary<string, Prediction>
        {
            ["c"] = new("k", Role: "syndicated"),
            ["b"] = new("k", Role: "excerpt"),
            ["o"] = new("k", Role: "canonical"),
            ["a"] = new("k", Role: "EXCERPT"),
        };

        var report = QualityEvaluator.Evaluate(labels, predicted);

        Assert.Equal([new("excerpt", "excerpt", 2), new("excerpt", "syndicated", 1)], report.RoleConfusions);
    }
}

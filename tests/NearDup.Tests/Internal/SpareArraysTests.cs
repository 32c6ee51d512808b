using NearDup.Internal;

namespace NearDup.Tests.Internal;

/// <summary>
/// <see cref="SpareArrays"/>: <see cref="SpareArrays.Take"/> gives the shortest spare array long enough and keeps the
/// rest; <see cref="SpareArrays.TakeOrLetGo"/> does the same when one is long enough, and else lets go of them all, so
/// that a budget-sized array is never held beside the spare arrays it could not use.
/// </summary>
public sealed class SpareArraysTests
{
    private const int Short = SpareArrays.MinLength;

    [Fact]
    public void Take_NoneLongEnough_KeepsTheSpareArrays()
    {
        var spare = new SpareArrays();
        spare.Give(new uint[Short]);

        var taken = spare.Take(2 * Short);

        Assert.Equal(2 * Short, taken.Length);
        Assert.Equal((1, Short * 4L), spare.Held);
    }

    [Fact]
    public void TakeOrLetGo_NoneLongEnough_LetsGoOfThemAll()
    {
        var spare = new SpareArrays();
        spare.Give(new uint[Short]);
        spare.Give(new uint[Short + 1]);

        var taken = spare.TakeOrLetGo(2 * Short);

        Assert.Equal(2 * Short, taken.Length);
        Assert.Equal((0, 0L), spare.Held);
    }

    [Fact]
    public void TakeOrLetGo_OneLongEnough_TakesTheShortestSuchAndKeepsTheRest()
    {
        var spare = new SpareArrays();
        var shorter = new uint[Short];
        var fits = new uint[2 * Short];
        var longer = new uint[3 * Short];
        spare.Give(longer);
        spare.Give(shorter);
        spare.Give(fits);

        var taken = spare.TakeIntsOrLetGo(Short + 1);

        Assert.Same(fits, (uint[])(object)taken);
        Assert.Equal((2, 4L * Short * 4), spare.Held);
    }

    [Fact]
    public void Give_ShortArray_IsNotKept()
    {
        var spare = new SpareArrays();
        spare.Give(new uint[Short - 1]);

        Assert.Equal((0, 0L), spare.Held);
    }
}

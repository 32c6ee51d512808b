using System.Net;
using NearDup.Distributed.Hosting;

namespace NearDup.Distributed.Tests;

/// <summary>The turns of the placement rule over the silos a membership view holds.</summary>
public sealed class SiloTurnsTests
{
    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation);

    [Fact]
    public void Of_SiloRestartedOnItsEndpoint_TakesItsEarlierIncarnationsTurns()
    {
        // A view that still holds the killed incarnation of the silo on port 2 beside the one that replaced it.
        SiloAddress[] view = [Silo(2, 100), Silo(1, 50), Silo(2, 200)];
        Assert.Equal(Silo(1, 50), SiloTurns.Of(0, view));
        Assert.Equal(Silo(2, 200), SiloTurns.Of(1, view));
        Assert.Equal(Silo(1, 50), SiloTurns.Of(2, view));
    }

    [Fact]
    public void Of_AnyOrderOfTheSameSilos_GivesEachTurnTheSameSilo()
    {
        SiloAddress[] silos = [Silo(3, 1), Silo(1, 1), Silo(2, 1)];
        for (int turn = 0; turn < 6; turn++)
        {
            Assert.Equal(SiloTurns.Of(turn, silos), SiloTurns.Of(turn, silos.Reverse()));
        }
        Assert.Equal(3, Enumerable.Range(0, 3).Select(t => SiloTurns.Of(t, silos)).Distinct().Count());
    }
}

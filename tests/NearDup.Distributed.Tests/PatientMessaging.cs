using Orleans.Configuration;
using Orleans.TestingHost;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Grain calls in the test clusters wait minutes, not Orleans' default 30 s: on a loaded 2-core CI machine one batch
/// of adds has taken longer than that, and these tests check answers, not latency (the scale-out bench measures it).
/// </summary>
internal static class PatientMessaging
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(5);

    public static InProcessTestClusterBuilder Apply(InProcessTestClusterBuilder builder)
    {
        builder.ConfigureSilo((_, silo) => silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout)
            // An activation right after a restart reads its state while the machine is loaded: as serve does, it may
            // take as long as a call (Orleans' own timeout cancelled the first call of DurabilityTests at a load of 50).
            .Configure<GrainCollectionOptions>(o => o.ActivationTimeout = ResponseTimeout));
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout));
        return builder;
    }
}

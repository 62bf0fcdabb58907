using System.Collections.Concurrent;
using MesaServicio.Core.TimedWork;

namespace MesaServicio.Tests.TimedWork;

/// <summary>A piece that runs until the test releases it, whatever its cancellation says.</summary>
internal sealed class HeldPiece : ITimedWork
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "Retenida";

    public int Order => 10;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        await Release.Task;
        return 1;
    }
}

/// <summary>A lease store that records what is taken, held, renewed and given back; it may deny one name.</summary>
internal sealed class RecordingLease(string? deny = null) : ITimedWorkLease
{
    private readonly ConcurrentDictionary<string, int> _held = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> TakenQueue { get; } = new();

    public IReadOnlyList<string> Taken => [.. TakenQueue];

    public IReadOnlyList<string> Held => [.. _held.Keys.Order(StringComparer.Ordinal)];

    public ConcurrentQueue<TimeSpan> RenewalQueue { get; } = new();

    public IReadOnlyList<TimeSpan> Renewals => [.. RenewalQueue];

    public TaskCompletionSource Renewed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ITimedWorkLeaseHandle?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (name == deny || !_held.TryAdd(name, 0))
        {
            return Task.FromResult<ITimedWorkLeaseHandle?>(null);
        }

        TakenQueue.Enqueue(name);
        return Task.FromResult<ITimedWorkLeaseHandle?>(new Handle(this, name));
    }

    private sealed class Handle(RecordingLease owner, string name) : ITimedWorkLeaseHandle
    {
        public string Name => name;

        public Task<bool> RenewAsync(TimeSpan duration, CancellationToken cancellationToken)
        {
            owner.RenewalQueue.Enqueue(duration);
            owner.Renewed.TrySetResult();
            return Task.FromResult(true);
        }

        public ValueTask DisposeAsync()
        {
            owner._held.TryRemove(name, out _);
            return ValueTask.CompletedTask;
        }
    }
}

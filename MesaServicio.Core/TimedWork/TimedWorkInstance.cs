using System.Security.Cryptography;

namespace MesaServicio.Core.TimedWork;

/// <summary>
/// This running instance among those that share the database, as it signs the leases it takes (e.g. on an
/// outbox message while it sends it). The machine name and process id tell an operator where a lease comes
/// from; the random suffix keeps two containers in one process (and a restarted process that reuses an id)
/// apart.
/// </summary>
public sealed class TimedWorkInstance
{
    /// <summary>The longest id (the <c>LeasedBy</c> columns hold 100 characters).</summary>
    public const int MaxLength = 100;

    public TimedWorkInstance()
        : this(Environment.MachineName, Environment.ProcessId, RandomNumberGenerator.GetHexString(8, lowercase: true))
    {
    }

    internal TimedWorkInstance(string machineName, int processId, string suffix)
    {
        var tail = FormattableString.Invariant($":{processId}:{suffix}");
        var machine = string.IsNullOrWhiteSpace(machineName) ? "host" : machineName.Trim();
        if (machine.Length + tail.Length > MaxLength)
        {
            machine = machine[..(MaxLength - tail.Length)];
        }

        Id = machine + tail;
    }

    /// <summary>e.g. <c>web-01:4242:9f3a1c0e</c>.</summary>
    public string Id { get; }

    public override string ToString() => Id;
}

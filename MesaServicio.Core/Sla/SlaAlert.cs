namespace MesaServicio.Core.Sla;

/// <summary>Which clock an alert is about: an ANS clock, or a PQRS's legal term.</summary>
public enum SlaTargetKind
{
    Attention = 1,
    Resolution = 2,

    /// <summary>The legal term of a PQRS (Ley 1755 de 2015, art. 14); both thresholds go to the assignee, the lead and the coordinators.</summary>
    LegalTerm = 3,
}

/// <summary>How far along the clock is.</summary>
public enum SlaThreshold
{
    /// <summary>75 % of the target used: the assignee and the lead are told.</summary>
    AtRisk = 75,

    /// <summary>100 %: the case is marked breached and the coordinator is told.</summary>
    Breached = 100,
}

/// <summary>
/// An ANS threshold crossed by a case, raised once: the key (case, clock, threshold) exists once whatever the
/// number of instances or restarts. A <see cref="SlaThreshold.Breached"/> row is the mark that the case breached.
/// </summary>
public sealed class SlaAlert
{
    private SlaAlert()
    {
    }

    public SlaAlert(Guid caseId, SlaTargetKind target, SlaThreshold threshold, DateTimeOffset raisedAt)
    {
        CaseId = caseId;
        Target = target;
        Threshold = threshold;
        RaisedAt = raisedAt.ToUniversalTime();
    }

    public Guid CaseId { get; private set; }

    public SlaTargetKind Target { get; private set; }

    public SlaThreshold Threshold { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }
}

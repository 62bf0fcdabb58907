namespace MesaServicio.Core.Priority;

/// <summary>How much of the entity an issue touches.</summary>
public enum Impact
{
    High = 1,
    Medium = 2,
    Low = 3,
}

/// <summary>How soon the issue hurts.</summary>
public enum Urgency
{
    High = 1,
    Medium = 2,
    Low = 3,
}

/// <summary>ITIL priority, 1 (Crítica) to 5 (Planificada).</summary>
public enum CasePriority
{
    Critical = 1,
    High = 2,
    Medium = 3,
    Low = 4,
    Planned = 5,
}

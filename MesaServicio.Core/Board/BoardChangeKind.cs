namespace MesaServicio.Core.Board;

/// <summary>What happened to a card, most telling first when one commit did several things.</summary>
public enum BoardChangeKind
{
    /// <summary>Something else the card shows (its clock after an answer, its subject...).</summary>
    Updated = 0,

    /// <summary>A new case.</summary>
    Registered = 1,

    /// <summary>The case changed state.</summary>
    StatusChanged = 2,

    /// <summary>The case was (re)assigned.</summary>
    Assigned = 3,

    /// <summary>The case was escalated.</summary>
    Escalated = 4,
}

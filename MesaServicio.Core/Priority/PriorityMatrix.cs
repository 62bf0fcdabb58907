using MesaServicio.Core.Common;

namespace MesaServicio.Core.Priority;

/// <summary>One cell of the impact × urgency matrix, stored so the coordinator can change it.</summary>
public sealed class PriorityMatrixCell
{
    public PriorityMatrixCell(Impact impact, Urgency urgency, CasePriority priority)
    {
        Impact = impact;
        Urgency = urgency;
        Priority = priority;
    }

    public Impact Impact { get; private set; }

    public Urgency Urgency { get; private set; }

    public CasePriority Priority { get; private set; }

    public void Change(CasePriority priority) => Priority = priority;
}

/// <summary>
/// Priority as a function of impact and urgency. Built from data (the stored cells); the ITIL default of
/// PRODUCT.md is <see cref="Default"/>, which is also what a new database is seeded with.
/// </summary>
public sealed class PriorityMatrix
{
    private readonly CasePriority[,] _cells = new CasePriority[3, 3];

    public PriorityMatrix(IEnumerable<PriorityMatrixCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var seen = 0;
        foreach (var cell in cells)
        {
            ref var slot = ref _cells[(int)cell.Impact - 1, (int)cell.Urgency - 1];
            if (slot == default)
            {
                seen++;
            }

            slot = cell.Priority;
        }

        if (seen != 9)
        {
            throw new DomainException(DomainRules.PriorityMatrixIncomplete);
        }
    }

    /// <summary>ITIL default: A×A Crítica; A×M, M×A Alta; A×B, M×M, B×A Media; M×B, B×M Baja; B×B Planificada.</summary>
    public static PriorityMatrix Default { get; } = new(DefaultCells());

    public static IReadOnlyList<PriorityMatrixCell> DefaultCells() =>
    [
        new(Impact.High, Urgency.High, CasePriority.Critical),
        new(Impact.High, Urgency.Medium, CasePriority.High),
        new(Impact.Medium, Urgency.High, CasePriority.High),
        new(Impact.High, Urgency.Low, CasePriority.Medium),
        new(Impact.Medium, Urgency.Medium, CasePriority.Medium),
        new(Impact.Low, Urgency.High, CasePriority.Medium),
        new(Impact.Medium, Urgency.Low, CasePriority.Low),
        new(Impact.Low, Urgency.Medium, CasePriority.Low),
        new(Impact.Low, Urgency.Low, CasePriority.Planned),
    ];

    public CasePriority For(Impact impact, Urgency urgency)
    {
        if (!Enum.IsDefined(impact))
        {
            throw new ArgumentOutOfRangeException(nameof(impact));
        }

        if (!Enum.IsDefined(urgency))
        {
            throw new ArgumentOutOfRangeException(nameof(urgency));
        }

        return _cells[(int)impact - 1, (int)urgency - 1];
    }
}

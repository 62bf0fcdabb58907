using MesaServicio.Core.Calendar;
using MesaServicio.Core.Sla;

namespace MesaServicio.Core.Board;

/// <summary>Which ANS clock a card shows.</summary>
public enum BoardSlaPhase
{
    /// <summary>The case has no ANS.</summary>
    None = 0,

    /// <summary>Time to attend, until the first action.</summary>
    Attention = 1,

    /// <summary>Time to resolve, from the first action on.</summary>
    Resolution = 2,
}

/// <summary>The ANS reading a card shows: attention until the first action, then resolution.</summary>
public readonly record struct BoardSlaReading(BoardSlaPhase Phase, SlaReading Reading)
{
    /// <summary>At risk (≥ 75 %) or breached.</summary>
    public bool NeedsAttention => Reading.State is SlaState.AtRisk or SlaState.Breached;
}

/// <summary>Reads a card's ANS chip: a pure function of the case's facts, the calendar and "now" (<see cref="SlaClock"/>).</summary>
public static class BoardSla
{
    public static BoardSlaReading Read(in SlaFacts facts, BusinessCalendar calendar, DateTimeOffset now)
    {
        if (facts.FirstActionAt is null && facts.AttendDueAt is not null)
        {
            return new BoardSlaReading(BoardSlaPhase.Attention, SlaClock.Attention(facts, calendar, now));
        }

        var resolution = SlaClock.Resolution(facts, calendar, now);
        return resolution.State == SlaState.None
            ? new BoardSlaReading(BoardSlaPhase.None, resolution)
            : new BoardSlaReading(BoardSlaPhase.Resolution, resolution);
    }
}

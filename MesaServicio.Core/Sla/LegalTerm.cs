using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Sla;

/// <summary>The modality of a petition under Ley 1755 de 2015, art. 14: it sets the legal term to answer.</summary>
public enum PqrsModality
{
    /// <summary>A petition in general: 15 business days.</summary>
    Peticion = 1,

    /// <summary>A request for documents or information: 10 business days.</summary>
    Documentos = 2,

    /// <summary>A consultation to the authority on matters in its charge: 30 business days.</summary>
    Consulta = 3,

    /// <summary>A consulta of one's personal data (habeas data, Ley 1581 de 2012, art. 14): 10 business days.</summary>
    DatosConsulta = 4,

    /// <summary>A reclamo to correct, update or delete one's personal data or revoke the authorization (Ley 1581 de 2012, art. 15): 15 business days.</summary>
    DatosReclamo = 5,
}

/// <summary>How a PQRS reached the desk: its modality and when the PQRS system filed it (radicación).</summary>
/// <param name="Modality">The petition's modality.</param>
/// <param name="FiledAt">The radicación instant in the PQRS system; not after the desk received it.</param>
public sealed record PqrsFiling(PqrsModality Modality, DateTimeOffset FiledAt);

/// <summary>Where a PQRS stands against its legal term.</summary>
public enum LegalTermState
{
    /// <summary>Not a PQRS with a legal term.</summary>
    None = 0,

    /// <summary>Running with less than 75 % of the term used.</summary>
    OnTrack = 1,

    /// <summary>Running with at least 75 % used.</summary>
    AtRisk = 2,

    /// <summary>The term expired without an answer, or the answer came late.</summary>
    Breached = 3,

    /// <summary>Answered within the term.</summary>
    Met = 4,

    /// <summary>Suspended by a request for completion (art. 17): starts again when the requester answers.</summary>
    Suspended = 5,
}

/// <summary>A PQRS's legal term read at an instant.</summary>
/// <param name="State">Its state.</param>
/// <param name="Modality">The modality that set the term.</param>
/// <param name="StartedAt">Radicación, or the requester's answer that restarted the term (art. 17).</param>
/// <param name="Days">The term in business days, extension included.</param>
/// <param name="InitialDays">The modality's term in business days.</param>
/// <param name="DueAt">Close of business of the last day of the term.</param>
/// <param name="Fraction">Share of the term's business time used (1.0 = 100 %), counted from the day after the start.</param>
/// <param name="AnsweredAt">When the desk answered (resolved or rejected), if it did.</param>
public readonly record struct LegalTermReading(
    LegalTermState State, PqrsModality Modality, DateTimeOffset StartedAt, int Days, int InitialDays, DateTimeOffset DueAt,
    double Fraction, DateTimeOffset? AnsweredAt)
{
    /// <summary>A reading for a case without a legal term.</summary>
    public static LegalTermReading NotApplicable { get; } = default;

    /// <summary>Whether the term was extended (art. 14, parágrafo).</summary>
    public bool Extended => Days > InitialDays;
}

/// <summary>The facts of a case that its legal term depends on.</summary>
public readonly record struct LegalTermFacts(
    PqrsModality? Modality, DateTimeOffset? StartedAt, int? InitialDays, int? Days, DateTimeOffset? DueAt,
    DateTimeOffset? SuspendedSince, DateTimeOffset? AnsweredAt);

/// <summary>
/// Legal terms of a PQRS (Ley 1755 de 2015, art. 14): n business days of the entity's calendar counted from the day
/// after radicación, due at the close of business of the n-th (decision 0019). Pure arithmetic over the case's facts.
/// </summary>
public static class LegalTermClock
{
    /// <summary>Business days within which a request for completion suspends the term (art. 17: "dentro de los diez días siguientes").</summary>
    public const int CompletionRequestWindowDays = 10;

    /// <summary>Whether the modality is a personal-data request (Ley 1581 de 2012), which any channel may carry.</summary>
    public static bool IsPersonalData(PqrsModality modality) => modality is PqrsModality.DatosConsulta or PqrsModality.DatosReclamo;

    /// <summary>The modality's term in business days.</summary>
    public static int DaysFor(PqrsModality modality) => modality switch
    {
        PqrsModality.Peticion => 15,
        PqrsModality.Documentos => 10,
        PqrsModality.Consulta => 30,
        PqrsModality.DatosConsulta => 10,
        PqrsModality.DatosReclamo => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, "Modalidad desconocida."),
    };

    /// <summary>
    /// The longest the term may run once extended, in business days from its start: a personal-data consulta 5 more and a
    /// reclamo 8 more (Ley 1581 de 2012, arts. 14 and 15: "en ningún caso podrá superar los cinco / ocho días hábiles
    /// siguientes al vencimiento del primer término"); any other petition double its term (Ley 1755 de 2015, art. 14,
    /// parágrafo).
    /// </summary>
    public static int MaxDaysFor(PqrsModality modality, int initialDays) => modality switch
    {
        PqrsModality.DatosConsulta => initialDays + 5,
        PqrsModality.DatosReclamo => initialDays + 8,
        _ => initialDays * 2,
    };

    /// <summary>The due instant of a term of <paramref name="days"/> business days started at <paramref name="start"/>.</summary>
    public static DateTimeOffset DueFrom(DateTimeOffset start, int days, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.EndOfNthBusinessDayAfter(start, days);
    }

    /// <summary>Reads the term at <paramref name="now"/>.</summary>
    public static LegalTermReading Read(in LegalTermFacts facts, BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (facts is not { Modality: { } modality, StartedAt: { } start, InitialDays: { } initial, Days: { } days, DueAt: { } due })
        {
            return LegalTermReading.NotApplicable;
        }

        var end = facts.AnsweredAt ?? facts.SuspendedSince ?? now;
        var anchor = calendar.StartOfNextDay(start);
        var total = calendar.BusinessTimeBetween(anchor, due);
        var used = calendar.BusinessTimeBetween(anchor, end);
        var fraction = total <= TimeSpan.Zero ? 1 : used / total;
        LegalTermState state;
        if (facts.AnsweredAt is { } answered)
        {
            state = answered <= due ? LegalTermState.Met : LegalTermState.Breached;
        }
        else if (facts.SuspendedSince is not null)
        {
            state = LegalTermState.Suspended;
        }
        else if (now >= due)
        {
            state = LegalTermState.Breached;
        }
        else
        {
            state = fraction >= SlaClock.AtRiskThreshold ? LegalTermState.AtRisk : LegalTermState.OnTrack;
        }

        return new LegalTermReading(state, modality, start, days, initial, due, fraction, facts.AnsweredAt);
    }
}

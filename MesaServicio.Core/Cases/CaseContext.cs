using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Cases;

/// <summary>Who acts on a case: a person, or the desk itself (routing, survey windows).</summary>
public readonly record struct Actor(Guid? PersonId)
{
    /// <summary>The service desk acting on its own (automatic routing, timed closing).</summary>
    public static Actor System { get; } = new(null);

    public static Actor Person(Guid personId) => new(personId);

    public bool IsSystem => PersonId is null;
}

/// <summary>Everything a transition needs besides its own arguments: who, when, and the business calendar.</summary>
public sealed record CaseContext(Actor Actor, DateTimeOffset Now, BusinessCalendar Calendar);

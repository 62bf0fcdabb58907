using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Tests.Support;

/// <summary>
/// A case of the seed's shape made a PQRS with a legal term radicated at <c>filedAt</c>, as registration sets it
/// (the intake API that files one with its modality is another part's): the term's columns through EF, nothing else.
/// </summary>
internal static class PqrsCases
{
    public static async Task<string> FileAsync(CoreHost host, PqrsModality modality, DateTimeOffset filedAt)
    {
        var filed = await host.FileAsync(kind: CaseKind.Request, subject: "Derecho de petición: copia del contrato");
        await MakePqrsAsync(host, filed.Number, modality, filedAt);
        return filed.Number;
    }

    /// <summary>Makes an existing case a PQRS with the modality's legal term from <paramref name="filedAt"/>.</summary>
    public static Task MakePqrsAsync(CoreHost host, string number, PqrsModality modality, DateTimeOffset filedAt) =>
        MakePqrsAsync(host.Get<IDbContextFactory<MesaDbContext>>(), host.Get<IBusinessCalendarProvider>().Current, number, modality, filedAt);

    /// <summary>The same, on any database of the tests.</summary>
    public static async Task MakePqrsAsync(
        IDbContextFactory<MesaDbContext> contexts, BusinessCalendar calendar, string number, PqrsModality modality, DateTimeOffset filedAt)
    {
        var days = LegalTermClock.DaysFor(modality);
        await using var db = await contexts.CreateDbContextAsync();
        var c = await db.Cases.SingleAsync(x => x.Number == number);
        var entry = db.Entry(c);
        entry.Property(x => x.Channel).CurrentValue = CaseChannel.Pqrs;
        entry.Property(x => x.LegalModality).CurrentValue = modality;
        entry.Property(x => x.PqrsFiledAt).CurrentValue = filedAt.ToUniversalTime();
        entry.Property(x => x.LegalTermStartedAt).CurrentValue = filedAt.ToUniversalTime();
        entry.Property(x => x.LegalTermInitialDays).CurrentValue = days;
        entry.Property(x => x.LegalTermDays).CurrentValue = days;
        entry.Property(x => x.LegalDueAt).CurrentValue = LegalTermClock.DueFrom(filedAt, days, calendar).ToUniversalTime();
        await db.SaveChangesAsync();
    }

    /// <summary>The local day that closes the <paramref name="n"/>-th business day after <paramref name="start"/>.</summary>
    public static DateOnly NthBusinessDay(CoreHost host, DateTimeOffset start, int n) =>
        NthBusinessDay(host.Get<IBusinessCalendarProvider>().Current, start, n);

    public static DateOnly NthBusinessDay(BusinessCalendar calendar, DateTimeOffset start, int n) =>
        DateOnly.FromDateTime(calendar.ToLocal(calendar.EndOfNthBusinessDayAfter(start, n)).DateTime);
}

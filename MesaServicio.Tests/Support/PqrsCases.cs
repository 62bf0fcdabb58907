using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
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
    public static async Task MakePqrsAsync(CoreHost host, string number, PqrsModality modality, DateTimeOffset filedAt)
    {
        var calendar = host.Get<IBusinessCalendarProvider>().Current;
        var days = LegalTermClock.DaysFor(modality);
        await using var db = host.NewContext();
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

    /// <summary>The local day that closes the <paramref name="n"/>-th business day after the case's term start.</summary>
    public static DateOnly NthBusinessDay(CoreHost host, DateTimeOffset start, int n)
    {
        var calendar = host.Get<IBusinessCalendarProvider>().Current;
        return DateOnly.FromDateTime(calendar.ToLocal(calendar.EndOfNthBusinessDayAfter(start, n)).DateTime);
    }
}

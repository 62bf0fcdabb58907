using MesaServicio.Core.Calendar;
using MesaServicio.Core.Configuration.Calendar;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>Business hours per weekday, the entity's extra non-working days, and the computed national holidays.</summary>
public partial class CalendarTab
{
    [Inject]
    private GetCalendarSettings Read { get; set; } = default!;

    [Inject]
    private SetBusinessHours SetHours { get; set; } = default!;

    [Inject]
    private AddNonWorkingDay AddDay { get; set; } = default!;

    [Inject]
    private RemoveNonWorkingDay RemoveDay { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>Monday first, as a Colombian week is read.</summary>
    internal static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    internal CalendarSettingsView? Settings { get; private set; }

    /// <summary>The hours as typed, per day (kept on a refusal).</summary>
    internal Dictionary<DayOfWeek, string?> Hours { get; } = [];

    internal NewDayForm NewDay { get; } = new();

    internal int Year => Calendars.Current.ToLocal(Time.GetUtcNow()).Year;

    protected override async Task LoadAsync()
    {
        Settings = await Read.HandleAsync(User, CancellationToken.None);
        Hours.Clear();
        foreach (var day in Week)
        {
            Hours[day] = Settings.Hours.GetValueOrDefault(day);
        }
    }

    internal static string DayName(DayOfWeek day)
    {
        var name = Labels.Culture.DateTimeFormat.GetDayName(day);
        return char.ToUpper(name[0], Labels.Culture) + name[1..];
    }

    internal static string LongDate(DateOnly day) => day.ToString("dddd d 'de' MMMM 'de' yyyy", Labels.Culture);

    internal static IEnumerable<(DateOnly Day, string Name)> HolidaysOf(int year) =>
        ColombianHolidays.For(year).Select(d => (d, ColombianHolidays.NameOf(d) ?? ""));

    internal Task SaveHoursAsync() => RunAsync(
        () => SetHours.HandleAsync(new SetBusinessHoursCommand(Hours), User, CancellationToken.None),
        "Se guardó el horario: aplica a los plazos que se calculen desde ahora.");

    internal async Task AddAsync()
    {
        if (NewDay.Date is not { } date)
        {
            return;
        }

        var day = DateOnly.FromDateTime(date);
        if (await RunAsync(
            () => AddDay.HandleAsync(new AddNonWorkingDayCommand(day, NewDay.Description), User, CancellationToken.None),
            $"El {LongDate(day)} queda como día no hábil."))
        {
            NewDay.Date = null;
            NewDay.Description = "";
        }
    }

    internal Task RemoveAsync(DateOnly day) => RunAsync(
        () => RemoveDay.HandleAsync(new RemoveNonWorkingDayCommand(day), User, CancellationToken.None),
        $"El {LongDate(day)} vuelve a ser día hábil.");

    /// <summary>The day being declared, as typed (kept on a refusal).</summary>
    internal sealed class NewDayForm
    {
        public DateTime? Date { get; set; }

        public string Description { get; set; } = "";
    }
}

using MesaServicio.Core.Calendar;

namespace MesaServicio.Tests.Calendar;

/// <summary>
/// Properties of <see cref="BusinessCalendar.Walk"/> on random intervals of 2024–2030, with the Colombian default calendar
/// and random calendars (weekly hours with lunch breaks, days without hours, extra non-working days). Seeded, deterministic.
/// </summary>
[Trait("Pass", "Once")]
public class BusinessCalendarWalkTests
{
    [Fact]
    public void Walks_of_the_colombian_calendar_cover_the_interval_and_add_up_to_the_business_time()
    {
        var random = new Random(20260402);
        var calendar = BusinessCalendar.ColombiaDefault();
        for (var i = 0; i < 600; i++)
        {
            var from = RandomCalendars.RandomInstant(random);
            var to = from + RandomCalendars.RandomLength(random);
            CheckWalk(calendar, [], from, to, $"caso {i}: {from:O} → {to:O}");
        }
    }

    [Fact]
    public void Walks_of_random_calendars_cover_the_interval_and_add_up_to_the_business_time()
    {
        var random = new Random(1755);
        for (var k = 0; k < 60; k++)
        {
            var calendar = RandomCalendars.Create(random, out var extraDays);
            for (var i = 0; i < 12; i++)
            {
                var from = RandomCalendars.RandomInstant(random);
                var to = from + RandomCalendars.RandomLength(random);
                CheckWalk(calendar, extraDays, from, to, $"calendario {k}, caso {i}: {from:O} → {to:O}, {Describe(calendar)}");
            }
        }
    }

    [Fact]
    public void Walks_through_the_entity_days_of_a_random_calendar_name_them()
    {
        // Intervals that start on an extra non-working day, so each is walked over at least once.
        var random = new Random(51);
        for (var k = 0; k < 30; k++)
        {
            var calendar = RandomCalendars.Create(random, out var extraDays);
            foreach (var day in extraDays.Take(10))
            {
                var from = new DateTimeOffset(day.ToDateTime(new TimeOnly(random.Next(24), random.Next(60))), TimeSpan.FromHours(-5));
                var to = from + RandomCalendars.RandomLength(random);
                var spans = CheckWalk(calendar, extraDays, from, to, $"calendario {k}, día {day}: {Describe(calendar)}");
                var expected = calendar.NationalHolidays && ColombianHolidays.IsHoliday(day)
                    ? CalendarSpanKind.Holiday
                    : CalendarSpanKind.EntityNonWorkingDay;
                spans[0].Kind.Should().Be(expected, "el {0} es un día no hábil de la entidad ({1})", day, Describe(calendar));
            }
        }
    }

    [Fact]
    public void A_walk_is_empty_when_the_end_is_not_after_the_start()
    {
        var calendar = BusinessCalendar.ColombiaDefault();
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));
        calendar.Walk(at, at).Should().BeEmpty();
        calendar.Walk(at, at.AddMinutes(-1)).Should().BeEmpty();
    }

    /// <summary>Checks every property of one walk and returns its spans.</summary>
    private static IReadOnlyList<CalendarSpan> CheckWalk(
        BusinessCalendar calendar, IReadOnlyList<DateOnly> extraDays, DateTimeOffset from, DateTimeOffset to, string because)
    {
        var spans = calendar.Walk(from, to);
        spans.Should().NotBeEmpty(because);

        // Contiguous, in order, covering [from, to).
        spans[0].From.Should().Be(from, because);
        spans[^1].To.Should().Be(to, because);
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            span.To.Should().BeAfter(span.From, "cada tramo dura algo ({0}, tramo {1})", because, i);
            span.From.Offset.Should().Be(calendar.ToLocal(span.From).Offset, "los tramos se dan en hora local ({0})", because);
            if (i > 0)
            {
                span.From.Should().Be(spans[i - 1].To, "los tramos son contiguos ({0}, tramo {1})", because, i);
                (span.Kind == CalendarSpanKind.OutsideHours && spans[i - 1].Kind == CalendarSpanKind.OutsideHours)
                    .Should().BeFalse("una noche fuera de horario es un solo tramo ({0}, tramo {1})", because, i);
            }
        }

        // The business spans add up to the calendar's business time.
        new TimeSpan(spans.Sum(s => s.BusinessTime.Ticks)).Should().Be(calendar.BusinessTimeBetween(from, to), because);

        foreach (var span in spans)
        {
            var local = calendar.ToLocal(span.From);
            var day = DateOnly.FromDateTime(local.DateTime);
            var holiday = calendar.NationalHolidays && ColombianHolidays.IsHoliday(day);
            var entityDay = extraDays.Contains(day);
            var hours = calendar.WeeklyHours.GetValueOrDefault(day.DayOfWeek) ?? [];
            var lastInstantLocal = calendar.ToLocal(span.To.AddTicks(-1));
            var lastDay = DateOnly.FromDateTime(lastInstantLocal.DateTime);
            var what = $"{because}; tramo {span.Kind} {span.From:O} → {span.To:O}";
            switch (span.Kind)
            {
                case CalendarSpanKind.Business:
                    holiday.Should().BeFalse("ningún tramo hábil cae en festivo ({0})", what);
                    entityDay.Should().BeFalse("ningún tramo hábil cae en un día no hábil de la entidad ({0})", what);
                    hours.Should().NotBeEmpty("ningún tramo hábil cae en un día sin horario ({0})", what);
                    lastDay.Should().Be(day, "un tramo hábil no pasa de un día a otro ({0})", what);
                    var start = TimeOnly.FromDateTime(local.DateTime);
                    var endTicks = TimeOnly.FromDateTime(lastInstantLocal.DateTime).Ticks + 1;
                    hours.Should().Contain(
                        h => h.Start <= start && endTicks <= h.End.Ticks,
                        "un tramo hábil está dentro de una franja del horario ({0})", what);
                    span.BusinessTime.Should().Be(span.To - span.From, what);
                    break;
                case CalendarSpanKind.OutsideHours:
                    span.BusinessTime.Should().Be(TimeSpan.Zero, what);
                    calendar.BusinessTimeBetween(span.From, span.To).Should().Be(TimeSpan.Zero, what);
                    calendar.NonBusinessKindOf(day).Should().BeNull("fuera de horario es de un día hábil ({0})", what);
                    calendar.NonBusinessKindOf(lastDay).Should().BeNull("fuera de horario termina en un día hábil ({0})", what);
                    break;
                case CalendarSpanKind.Weekend or CalendarSpanKind.Holiday or CalendarSpanKind.EntityNonWorkingDay:
                    span.BusinessTime.Should().Be(TimeSpan.Zero, what);
                    lastDay.Should().Be(day, "un día no hábil es un tramo propio ({0})", what);
                    var expected = holiday ? CalendarSpanKind.Holiday
                        : entityDay ? CalendarSpanKind.EntityNonWorkingDay
                        : hours.Count == 0 ? CalendarSpanKind.Weekend
                        : (CalendarSpanKind?)null;
                    span.Kind.Should().Be(expected, "el motivo del día es el correcto ({0})", what);
                    if (span.Kind == CalendarSpanKind.Holiday)
                    {
                        var details = ColombianHolidays.DetailsOf(day);
                        details.Should().NotBeEmpty(what);
                        details.Should().OnlyContain(d => d.Date == day && !string.IsNullOrWhiteSpace(d.Name), what);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Tipo de tramo inesperado: {span.Kind}");
            }
        }

        // Nothing outside the spans: every local day of the interval that is a non-business day appears as one span.
        var firstDay = DateOnly.FromDateTime(calendar.ToLocal(from).DateTime);
        var finalDay = DateOnly.FromDateTime(calendar.ToLocal(to.AddTicks(-1)).DateTime);
        for (var d = firstDay; d <= finalDay; d = d.AddDays(1))
        {
            if (calendar.NonBusinessKindOf(d) is { } kind)
            {
                spans.Count(s => s.Kind == kind && s.Day == d).Should().Be(1, "el {0} se salta una vez, como {1} ({2})", d, kind, because);
            }
        }

        return spans;
    }

    private static string Describe(BusinessCalendar calendar) =>
        string.Join(" ", calendar.WeeklyHours.Select(kv => $"{kv.Key}:{string.Join(",", kv.Value)}"))
        + $" festivos={calendar.NationalHolidays} extra={calendar.ExtraNonWorkingDays.Count}";
}

using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Sla;
using static MesaServicio.Tests.Support.CaseBuilder;

namespace MesaServicio.Tests.Sla;

/// <summary>"Cómo se calculó el ANS" in words: the texts the case page and the case file share.</summary>
[Trait("Pass", "Once")]
public class ClockExplanationWriterTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    /// <summary>Filed on Jueves Santo 2026 at 16:00 with 8 business hours to resolve.</summary>
    internal static Case HolyThursdayCase(out DateTimeOffset received)
    {
        received = new DateTimeOffset(2026, 4, 2, 16, 0, 0, Bogota);
        return ACase().In(CaseStatus.Assigned).ReceivedAt(received).WithAns(null, SlaTarget.Hours(8)).Build();
    }

    /// <summary>Filed Thursday 8 October 2026 with 12 business days to resolve: across Día de la Raza (Monday 12 October).</summary>
    internal static Case TwelveDaysAcrossDiaDeLaRaza(out DateTimeOffset received)
    {
        received = new DateTimeOffset(2026, 10, 8, 10, 0, 0, Bogota);
        return ACase().In(CaseStatus.Assigned).ReceivedAt(received).WithAns(null, SlaTarget.Days(12)).Build();
    }

    /// <summary>es-CO writes "p. m." with no-break spaces (so it never splits at a line's end); the tests read plain spaces.</summary>
    internal static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private static ClockExplanationText Write(ClockExplanation e, bool plain)
    {
        var t = ClockExplanationWriter.Write(e, ColombianCalendar, plain);
        return t with
        {
            Facts = [.. t.Facts.Select(f => new ClockFact(Spaces(f.Label), Spaces(f.Text)))],
            Lines = [.. t.Lines.Select(l => l with { Date = Spaces(l.Date), Range = Spaces(l.Range), Hours = Spaces(l.Hours), Text = Spaces(l.Text) })],
            Recomputations = [.. t.Recomputations.Select(Spaces)],
            Outcome = [.. t.Outcome.Select(f => new ClockFact(Spaces(f.Label), Spaces(f.Text)))],
        };
    }

    private static ClockExplanation Resolution(Case c, DateTimeOffset now) =>
        ClockExplainer.Explain(c, ColombianCalendar, now, _ => "Carla Coordinadora", new Dictionary<DateOnly, string>()).Resolution!;

    [Fact]
    public void Staff_read_the_start_the_target_each_skipped_day_with_its_law_and_the_counted_window()
    {
        var c = HolyThursdayCase(out var received);

        var text = Write(Resolution(c, received.AddMinutes(30)), false);

        text.Title.Should().Be("Tiempo de solución");
        text.Facts.Select(f => f.Text).Should().Contain("Recibido el jueves 2 de abril de 2026, 4:00 p. m.").And.Contain("8 horas hábiles");
        text.Lines.Should().Contain(l => l.Date == "viernes 3 de abril de 2026" && l.Range == "Todo el día"
            && l.Text == "No se cuenta: Viernes Santo, festivo religioso de la Ley 51 de 1983");
        text.Lines.Should().ContainSingle(l => l.Kind == ClockLineKind.Counted)
            .Which.Should().Match<ClockLine>(l => l.Range == "8:00 a. m. – 4:00 p. m." && l.Hours == "8 h");
        text.Outcome.Select(f => f.Text).Should().Contain("lunes 6 de abril de 2026, 4:00 p. m.").And.Contain("Tiempo usado: 0 min; quedan 8 h");
        text.Fold.Folds.Should().BeFalse();
    }

    [Fact]
    public void The_requester_reads_sentences_without_the_nights_and_with_the_holidays_named()
    {
        var c = HolyThursdayCase(out var received);

        var text = Write(Resolution(c, received.AddMinutes(30)), true);

        text.Facts.Select(f => f.Text).Should().Equal(
            "Su caso se recibió el jueves 2 de abril de 2026 a las 4:00 p. m.",
            "El plazo es de 8 horas hábiles (lunes a viernes, 8:00 a. m. a 5:00 p. m.).");
        text.Lines.Select(l => l.Text).Should().Equal(
            "No se cuentan el jueves 2 y el viernes 3 de abril de 2026: Jueves Santo y Viernes Santo, festivos.",
            "No se cuentan el sábado 4 y el domingo 5 de abril de 2026: fin de semana.",
            "Se cuenta el lunes 6 de abril de 2026, de 8:00 a. m. a 4:00 p. m. (8 h).");
        text.Outcome[0].Text.Should().Be("Vence: lunes 6 de abril de 2026, 4:00 p. m.");
    }

    [Fact]
    public void A_long_explanation_folds_the_days_between_its_first_and_last_counted_days()
    {
        var c = TwelveDaysAcrossDiaDeLaRaza(out var received);
        var explanation = Resolution(c, received.AddHours(1));

        var text = Write(explanation, false);

        text.Facts[1].Text.Should().Be("12 días hábiles: vence al cierre del 12.º día hábil después del día de recepción");
        text.Fold.Folds.Should().BeTrue();
        text.Fold.Days.Should().Be(explanation.CountedDays - 2);
        text.Lines.Take(text.Fold.Start).Should().Contain(l => l.Kind == ClockLineKind.Counted && l.Date == "jueves 8 de octubre de 2026");
        text.Lines.Skip(text.Fold.End).Should().Contain(l => l.Kind == ClockLineKind.Counted && l.Date == "martes 27 de octubre de 2026");
        text.Lines.Skip(text.Fold.Start).Take(text.Fold.End - text.Fold.Start).Should()
            .Contain(l => l.Text == "No se cuenta: Día de la Raza, festivo trasladado por la Ley 51 de 1983");
        ClockExplanationWriter.FoldLabel(text.Fold.Days).Should().Be("… 11 días hábiles más …");
    }

    [Fact]
    public void A_target_in_days_that_ends_within_a_day_is_not_said_to_end_at_a_close()
    {
        var received = new DateTimeOffset(2026, 3, 2, 10, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.Assigned).ReceivedAt(received).WithAns(null, SlaTarget.Days(2)).Build();
        var explanation = Resolution(c, received.AddHours(1));
        var closes = explanation.DueAt!.Value.TimeOfDay == TimeSpan.FromHours(17);

        var target = Write(explanation, plain: false).Facts[1].Text;

        target.Should().Be(closes
            ? "2 días hábiles: vence al cierre del 2.º día hábil después del día de recepción"
            : "2 días hábiles, contados como " + Spaces(ClockExplanationWriter.Duration(explanation.TargetTime)) + " de tiempo hábil desde la recepción");
    }

    [Fact]
    public void A_moved_holiday_says_the_feast_it_moved_from()
    {
        // 15 August 2026, La Asunción, is a Saturday: observed on Monday 17 August.
        var holiday = ColombianHolidays.DetailsOf(new DateOnly(2026, 8, 17)).Single();

        Spaces(ClockExplanationWriter.Holiday(holiday)).Should()
            .Be(holiday.Name + ", festivo trasladado por la Ley 51 de 1983 (del sábado 15 de agosto)");
        ClockExplanationWriter.Holiday(ColombianHolidays.DetailsOf(new DateOnly(2026, 7, 20)).Single()).Should()
            .EndWith(", festivo nacional (Ley 51 de 1983)");
    }

    [Theory]
    [InlineData(0, "0 min")]
    [InlineData(45, "45 min")]
    [InlineData(480, "8 h")]
    [InlineData(510, "8 h 30 min")]
    [InlineData(8100, "135 h")]
    public void Business_time_reads_in_hours_and_minutes(int minutes, string expected) =>
        ClockExplanationWriter.Duration(TimeSpan.FromMinutes(minutes)).Should().Be(expected);

    [Fact]
    public void A_paused_clock_has_no_due_time_and_says_it_waits_on_the_requester()
    {
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.InProgress).ReceivedAt(received).WithAns(SlaTarget.Hours(2), SlaTarget.Hours(8)).Build();
        c.WaitOnRequester("¿Qué error ve?", new CaseContext(Actor.Person(Agent), received.AddHours(2), ColombianCalendar));

        var explanation = Resolution(c, received.AddHours(4));
        var staff = Write(explanation, false);
        var plain = Write(explanation, true);

        staff.Lines[^1].Text.Should().Be("No se cuenta: en espera de la respuesta del usuario");
        staff.Outcome[1].Text.Should().StartWith("En pausa: usado 2 h; quedan 6 h");
        plain.Lines[^1].Text.Should().Be("Desde el lunes 2 de marzo de 2026 a las 11:00 a. m. el caso está en espera de su respuesta: el tiempo no corre.");
        plain.Outcome[1].Text.Should().Be("En pausa: van 2 h de tiempo hábil y quedan 6 h.");
    }
}

using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Sla;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Cases;

namespace MesaServicio.Tests.Components;

/// <summary>"Cómo se calculó el ANS" on the case page: a closed disclosure, rows for staff, sentences for the requester, folding.</summary>
[Trait("Pass", "Once")]
public sealed class ClockExplanationSectionTests : ComponentTestContext
{
    private static CaseClockExplanations Explain(Case c, DateTimeOffset now) =>
        ClockExplainer.Explain(c, CaseBuilder.ColombianCalendar, now, _ => null, new Dictionary<DateOnly, string>());

    private IRenderedComponent<ClockExplanationSection> RenderSection(CaseClockExplanations clocks, bool plain) =>
        Render<ClockExplanationSection>(p => p.Add(x => x.Clocks, clocks).Add(x => x.Plain, plain));

    private static void Open(IRenderedComponent<ClockExplanationSection> cut) => cut.Find("[data-testid=como-se-calculo-boton]").Click();

    [Fact]
    public void The_section_starts_closed_and_its_button_opens_it_for_assistive_technology_too()
    {
        var c = ClockExplanationWriterTests.HolyThursdayCase(out var received);
        var cut = RenderSection(Explain(c, received.AddMinutes(30)), plain: false);

        var button = cut.Find("[data-testid=como-se-calculo-boton]");
        button.TagName.Should().Be("BUTTON");
        button.Text().Trim().Should().Be("Cómo se calculó el ANS");
        button.GetAttribute("aria-expanded").Should().Be("false");
        cut.Find("#" + button.GetAttribute("aria-controls")).HasAttribute("hidden").Should().BeTrue();
        cut.FindAll("table").Should().BeEmpty();

        Open(cut);

        cut.Find("[data-testid=como-se-calculo-boton]").GetAttribute("aria-expanded").Should().Be("true");
        cut.Find("#como-se-calculo-ans").HasAttribute("hidden").Should().BeFalse();
    }

    [Fact]
    public void Staff_read_each_holiday_by_its_name_and_law_in_rows()
    {
        var c = ClockExplanationWriterTests.HolyThursdayCase(out var received);
        var cut = RenderSection(Explain(c, received.AddMinutes(30)), plain: false);

        Open(cut);

        cut.Find("h3").Text().Should().Be("Tiempo de solución");
        var rows = cut.FindAll("table.clock-lines tbody tr").Select(r => r.Text()).ToList();
        rows.Should().Contain(r => r.Contains("jueves 2 de abril de 2026") && r.Contains("Jueves Santo, festivo religioso de la Ley 51 de 1983"));
        rows.Should().Contain(r => r.Contains("lunes 6 de abril de 2026") && r.Contains("8:00 a. m. – 4:00 p. m.") && r.Contains("8 h"));
        cut.Find(".clock-outcome").Text().Should().Contain("lunes 6 de abril de 2026, 4:00 p. m.");
    }

    [Fact]
    public void The_requester_reads_plain_words_with_the_holidays_named_and_no_table()
    {
        var c = ClockExplanationWriterTests.HolyThursdayCase(out var received);
        var cut = RenderSection(Explain(c, received.AddMinutes(30)), plain: true);

        Open(cut);

        cut.FindAll("table").Should().BeEmpty();
        var text = cut.Find("#como-se-calculo-ans").Text();
        text.Should().Contain("Su caso se recibió el jueves 2 de abril de 2026 a las 4:00 p. m.");
        text.Should().Contain("No se cuentan el jueves 2 y el viernes 3 de abril de 2026: Jueves Santo y Viernes Santo, festivos.");
        text.Should().Contain("Vence: lunes 6 de abril de 2026, 4:00 p. m.");
        cut.Find("ul.clock-sentences").Text().Should().NotContain("fuera del horario hábil", "the nights between business days are noise for her");
    }

    [Fact]
    public void A_long_explanation_shows_its_first_and_last_counted_days_and_unfolds_the_rest()
    {
        var c = ClockExplanationWriterTests.TwelveDaysAcrossDiaDeLaRaza(out var received);
        var cut = RenderSection(Explain(c, received.AddHours(1)), plain: false);

        Open(cut);

        var folded = cut.Find("#como-se-calculo-ans").Text();
        folded.Should().Contain("jueves 8 de octubre de 2026").And.Contain("martes 27 de octubre de 2026");
        folded.Should().NotContain("Día de la Raza").And.NotContain("miércoles 14 de octubre de 2026");
        var unfold = cut.Find("[data-testid=desplegar]");
        unfold.TagName.Should().Be("BUTTON");
        unfold.Text().Should().Be("… 11 días hábiles más …");

        unfold.Click();

        var all = cut.Find("#como-se-calculo-ans").Text();
        all.Should().Contain("lunes 12 de octubre de 2026").And.Contain("Día de la Raza, festivo trasladado por la Ley 51 de 1983");
        all.Should().Contain("miércoles 14 de octubre de 2026");
        cut.FindAll("[data-testid=desplegar]").Should().BeEmpty();
        cut.FindAll("table.clock-lines tbody tr.clock-counted").Should().HaveCount(13);
    }

    [Fact]
    public void A_long_explanation_folds_in_plain_words_too()
    {
        var c = ClockExplanationWriterTests.TwelveDaysAcrossDiaDeLaRaza(out var received);
        var cut = RenderSection(Explain(c, received.AddHours(1)), plain: true);

        Open(cut);
        cut.Find("[data-testid=desplegar]").Text().Should().Be("… 11 días hábiles más …");
        cut.FindAll("li.clock-counted").Should().HaveCount(2);

        cut.Find("[data-testid=desplegar]").Click();

        cut.FindAll("li.clock-counted").Should().HaveCount(13);
        cut.Find("#como-se-calculo-ans").Text().Should().Contain("No se cuenta el lunes 12 de octubre de 2026: Día de la Raza, festivo.");
    }

    [Fact]
    public void A_paused_case_says_it_is_paused()
    {
        var received = CaseBuilder.MondayMorning;
        var c = CaseBuilder.ACase().In(CaseStatus.InProgress).ReceivedAt(received).WithAns(SlaTarget.Hours(2), SlaTarget.Hours(8)).Build();
        c.WaitOnRequester("¿Qué error ve?", new CaseContext(Actor.Person(CaseBuilder.Agent), received.AddHours(2), CaseBuilder.ColombianCalendar));
        var clocks = Explain(c, received.AddHours(4));

        var staff = RenderSection(clocks, plain: false);
        Open(staff);
        var requester = RenderSection(clocks, plain: true);
        Open(requester);

        staff.Find("[data-reloj=Resolution]").Text().Should().Contain("En pausa: usado 2 h; quedan 6 h")
            .And.Contain("en espera de la respuesta del usuario");
        requester.Find("[data-reloj=Resolution]").Text().Should().Contain("En pausa: van 2 h de tiempo hábil y quedan 6 h.")
            .And.Contain("el caso está en espera de su respuesta");
    }
}

/// <summary>Text of an element with es-CO's no-break spaces ("p. m.") read as plain ones.</summary>
internal static class ClockTextExtensions
{
    public static string Text(this AngleSharp.Dom.IElement element) => ClockExplanationWriterTests.Spaces(element.TextContent);
}

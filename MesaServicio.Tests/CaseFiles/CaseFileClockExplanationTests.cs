using MesaServicio.Core.Sla;
using MesaServicio.Tests.Sla;
using MesaServicio.Tests.Support;

namespace MesaServicio.Tests.CaseFiles;

/// <summary>"Cómo se calculó el ANS" in the case file's PDF: the staff's words, whole, from the case page's own text builder.</summary>
public sealed class CaseFileClockExplanationTests(CaseFileFixture fixture) : IClassFixture<CaseFileFixture>
{
    [Fact]
    public async Task The_case_file_explains_each_clock_of_the_worked_case()
    {
        var worked = await fixture.WorkCaseAsync();
        var file = await fixture.FileFor(worked.Number, worked.Requester);

        var text = string.Join(" ", CaseFileFixture.Pages(fixture.Render(file)));

        file.Case.Clocks!.All.Should().NotBeEmpty("GetCaseFile passes the case's explanations");
        text.Should().Contain("2. Cómo se calculó el ANS").And.Contain("Tiempo de atención").And.Contain("Tiempo de solución");
        text.Should().Contain("Se cuenta").And.Contain("Atendido el ");
        text.Should().Contain("No se cuenta: en espera de la respuesta del usuario", "the wait on the requester is a pause of the solution clock");
        text.Should().Contain("3. Conversación");
    }

    [Fact]
    public async Task A_holiday_is_named_with_its_law_in_the_case_file()
    {
        var worked = await fixture.WorkCaseAsync();
        var file = await fixture.FileFor(worked.Number, worked.Assignee);
        var c = ClockExplanationWriterTests.HolyThursdayCase(out var received);
        var clocks = ClockExplainer.Explain(c, CaseBuilder.ColombianCalendar, received.AddMinutes(30), _ => null, new Dictionary<DateOnly, string>());
        file = file with { Case = file.Case with { Clocks = clocks } };

        var text = string.Join(" ", CaseFileFixture.Pages(fixture.Render(file)));

        text.Should().Contain("Cómo se calculó el ANS");
        text.Should().Contain("Jueves Santo, festivo religioso de la Ley 51 de 1983").And.Contain("Viernes Santo");
        text.Should().Contain("Recibido el jueves 2 de abril de 2026, 4:00 p. m.").And.Contain("8 horas hábiles");
        text.Should().Contain("lunes 6 de abril de 2026, 4:00 p. m.");
    }
}

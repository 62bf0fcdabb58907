using MesaServicio.Core.Cases;
using MesaServicio.Web;

namespace MesaServicio.Tests.Web;

/// <summary>History lines say how a case closed and which ANS clock an alert is about, in Spanish.</summary>
[Trait("Pass", "Once")]
public sealed class HistoryLineLabelsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 27, 9, 0, 0, TimeSpan.FromHours(-5));

    [Theory]
    [InlineData(nameof(CloseOutcome.NoAnswer), "La mesa de servicio cerró el caso — sin respuesta a la encuesta (ahora: Cerrado).")]
    [InlineData(nameof(CloseOutcome.Satisfied), "La mesa de servicio cerró el caso — el usuario solicitante quedó satisfecho (ahora: Cerrado).")]
    [InlineData(nameof(CloseOutcome.NewCaseRequired), "La mesa de servicio cerró el caso — se pidió registrar un caso nuevo (ahora: Cerrado).")]
    [InlineData(nameof(CloseOutcome.NoFurtherSolution), "La mesa de servicio cerró el caso — no hay otra solución (ahora: Cerrado).")]
    public void A_closing_line_says_the_outcome(string outcome, string expected) =>
        Labels.HistoryLine(new CaseHistoryLine(At, null, CaseAction.Closed, CaseStatus.Resolved, CaseStatus.Closed, null, outcome))
            .Should().Be(expected);

    [Fact]
    public void An_ans_alert_line_names_its_clock_and_a_plain_line_is_unchanged()
    {
        Labels.HistoryLine(new CaseHistoryLine(At, null, CaseAction.SlaBreached, null, null, null, "Attention"))
            .Should().Be("La mesa de servicio marcó el ANS del caso como vencido — ANS de atención.");
        Labels.HistoryLine(new CaseHistoryLine(At, "Ana", CaseAction.Commented, null, null, null))
            .Should().Be("Ana escribió un comentario.");
    }
}

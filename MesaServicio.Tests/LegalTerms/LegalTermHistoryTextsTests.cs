using MesaServicio.Core.Audit;
using MesaServicio.Core.Cases;
using MesaServicio.Web;

namespace MesaServicio.Tests.LegalTerms;

/// <summary>The legal term's history lines and audit values in Spanish, with their due times in Bogotá.</summary>
[Trait("Pass", "Once")]
public sealed class LegalTermHistoryTextsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(-5));

    private static string Plain(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [Fact]
    public void Each_legal_term_line_says_what_happened_to_the_term_and_its_due_times()
    {
        Plain(Labels.HistoryLine(new CaseHistoryLine(At, "Carlos Andrés Mejía", CaseAction.LegalTermSuspended, null, null, null, "2026-03-24T22:00:00Z")))
            .Should().Be("Término legal suspendido: se pidió completar la petición (Ley 1755 de 2015, art. 17) — Carlos Andrés Mejía.");
        Plain(Labels.HistoryLine(new CaseHistoryLine(At, "Luisa Fernanda Ortiz", CaseAction.LegalTermRestarted, null, null, null,
                "2026-04-01T22:00:00Z", "2026-03-24T22:00:00Z")))
            .Should().Be("Término legal reiniciado completo (Ley 1755 de 2015, art. 17): vencía el 24/03/2026 5:00 p. m., ahora vence el 01/04/2026 5:00 p. m. — Luisa Fernanda Ortiz.");
        Plain(Labels.HistoryLine(new CaseHistoryLine(At, "Carlos Andrés Mejía", CaseAction.LegalTermExtended, null, null, "El archivo tarda.",
                "2026-04-14T22:00:00Z", "2026-03-24T22:00:00Z")))
            .Should().Be("Término legal prorrogado (Ley 1755 de 2015, art. 14, parágrafo): vencía el 24/03/2026 5:00 p. m., ahora vence el 14/04/2026 5:00 p. m. — Carlos Andrés Mejía.");
        Plain(Labels.HistoryLine(new CaseHistoryLine(At, null, CaseAction.LegalTermAtRisk, null, null, null, "2026-03-24T22:00:00Z")))
            .Should().Be("Término legal de la PQRS en riesgo (75 %); vence el 24/03/2026 5:00 p. m.");
        Plain(Labels.HistoryLine(new CaseHistoryLine(At, null, CaseAction.LegalTermBreached, null, null, null, "2026-03-24T22:00:00Z")))
            .Should().Be("Término legal de la PQRS vencido sin respuesta; venció el 24/03/2026 5:00 p. m.");
    }

    [Fact]
    public void The_audit_shows_the_legal_due_before_and_after()
    {
        var extended = new AuditEntry(AuditSource.Case, 1, At, null, "Carlos Andrés Mejía", "MS-2026-000001", null, CaseAction.LegalTermExtended,
            null, null, null, "2026-03-24T22:00:00Z", "2026-04-14T22:00:00Z", "El archivo tarda.");
        Plain(AuditValues.Describe(extended, AuditNames.Empty))
            .Should().Be("vencimiento del término legal: 24/03/2026 5:00 p. m. → 14/04/2026 5:00 p. m.");
    }
}

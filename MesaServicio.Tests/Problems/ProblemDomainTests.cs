using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Problems;

namespace MesaServicio.Tests.Problems;

/// <summary>The problem's lifecycle, as the case's: every operation in every state does what the table says.</summary>
[Trait("Pass", "Once")]
public class ProblemDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(-5));
    private static readonly Guid Lead = Guid.NewGuid();
    private static readonly Guid Incident = Guid.NewGuid();

    private static readonly Dictionary<ProblemOperation, Action<Problem>> Apply = new()
    {
        [ProblemOperation.Analyse] = p => p.Analyse(Lead, Now),
        [ProblemOperation.RecordRootCause] = p => p.RecordRootCause("El certificado del servidor de correo venció.", Lead, Now),
        [ProblemOperation.RecordWorkaround] = p => p.RecordWorkaround("Usar el correo web mientras se renueva.", Lead, Now),
        [ProblemOperation.Resolve] = p => p.Resolve("Se renovó el certificado y se programó su alerta.", Lead, Now),
        [ProblemOperation.Close] = p => p.Close(null, Lead, Now),
        [ProblemOperation.Reopen] = p => p.Reopen("Volvió a fallar el lunes.", Lead, Now),
        [ProblemOperation.LinkIncident] = p => p.Link([Guid.NewGuid()], Lead, Now),
        [ProblemOperation.UnlinkIncident] = p => p.Unlink(Incident, "No tenía relación.", Lead, Now),
        [ProblemOperation.Comment] = p => p.AddComment("Revisé los registros del servidor.", Lead, Now),
        [ProblemOperation.Edit] = p => p.Edit(Draft("Certificado vencido del correo"), CasePriority.High, Lead, Now),
        [ProblemOperation.ChangeResponsible] = p => p.ChangeResponsible(Guid.NewGuid(), Lead, Now),
    };

    private static ProblemDraft Draft(string title = "Outlook pide la contraseña una y otra vez") =>
        new(title, "Varias dependencias reportan lo mismo desde el lunes.", 7, Impact.High, Urgency.Medium, Lead);

    private static Problem New() => Problem.Create(Draft(), CasePriority.High, 2026, 12, [Incident], Lead, Now);

    private static Problem InState(ProblemStatus status)
    {
        var p = New();
        if (status == ProblemStatus.Registered)
        {
            return p;
        }

        p.Analyse(Lead, Now);
        if (status == ProblemStatus.InAnalysis)
        {
            return p;
        }

        p.RecordWorkaround("Usar el correo web.", Lead, Now);
        if (status == ProblemStatus.KnownError)
        {
            return p;
        }

        p.Resolve("Se renovó el certificado.", Lead, Now);
        if (status == ProblemStatus.Closed)
        {
            p.Close("Confirmado con los usuarios.", Lead, Now);
        }

        return p;
    }

    [Fact]
    public void Every_operation_in_every_state_does_what_the_lifecycle_table_says()
    {
        foreach (var status in Enum.GetValues<ProblemStatus>())
        {
            InState(status).Status.Should().Be(status);
            foreach (var operation in Enum.GetValues<ProblemOperation>())
            {
                var problem = InState(status);
                var history = problem.History.Count;
                var act = () => Apply[operation](problem);
                if (ProblemLifecycle.Allows(operation, status))
                {
                    act.Should().NotThrow("{0} is legal in {1}", operation, status);
                    problem.History.Count.Should().BeGreaterThan(history, "{0} writes history", operation);
                }
                else
                {
                    act.Should().Throw<DomainException>("{0} is not legal in {1}", operation, status)
                        .Which.Rule.Should().Be(ProblemRules.OperationNotAllowed);
                    problem.Status.Should().Be(status);
                    problem.History.Count.Should().Be(history, "a refused operation changes nothing");
                }
            }
        }
    }

    [Fact]
    public void The_table_is_the_procedures_flow_and_closed_is_final()
    {
        ProblemLifecycle.OperationsFrom(ProblemStatus.Closed).Should().BeEmpty();
        ProblemLifecycle.OperationsFrom(ProblemStatus.Resolved).Should().BeEquivalentTo(
            [ProblemOperation.Close, ProblemOperation.Reopen, ProblemOperation.Comment]);
        ProblemLifecycle.Allows(ProblemOperation.Resolve, ProblemStatus.Registered).Should().BeFalse("a problem is analysed before it is resolved");
        ProblemLifecycle.Allows(ProblemOperation.RecordWorkaround, ProblemStatus.Registered).Should().BeTrue();
    }

    [Fact]
    public void A_workaround_makes_it_a_known_error_and_a_failed_solution_takes_it_back_to_analysis()
    {
        var p = InState(ProblemStatus.InAnalysis);
        p.RecordWorkaround("Usar el correo web.", Lead, Now).Should().BeTrue();
        p.Status.Should().Be(ProblemStatus.KnownError);
        p.KnownErrorAt.Should().Be(Now.ToUniversalTime());
        p.RecordWorkaround("Usar el correo web.", Lead, Now).Should().BeFalse("the same text changes nothing");

        p.Resolve("Se renovó el certificado.", Lead, Now);
        p.Status.Should().Be(ProblemStatus.Resolved);
        var reopen = () => p.Reopen(" ", Lead, Now);
        reopen.Should().Throw<DomainException>().Which.Rule.Should().Be(ProblemRules.ReopenReasonRequired);
        p.Reopen("Falló otra vez.", Lead, Now);
        p.Status.Should().Be(ProblemStatus.InAnalysis);
        p.Solution.Should().BeNull();
        p.Workaround.Should().Be("Usar el correo web.", "the workaround still holds");
    }

    [Fact]
    public void Incidents_are_linked_once_and_unlinked_with_a_reason_keeping_the_link_as_history()
    {
        var p = New();
        var other = Guid.NewGuid();
        p.Link([Incident, other, other], Lead, Now).Should().Equal(other);
        p.LinkedIncidents.Select(i => i.CaseId).Should().BeEquivalentTo([Incident, other]);

        var noReason = () => p.Unlink(other, "", Lead, Now);
        noReason.Should().Throw<DomainException>().Which.Rule.Should().Be(ProblemRules.UnlinkReasonRequired);
        var notLinked = () => p.Unlink(Guid.NewGuid(), "No aplica.", Lead, Now);
        notLinked.Should().Throw<DomainException>().Which.Rule.Should().Be(ProblemRules.IncidentNotLinked);

        p.Unlink(other, "Era otra falla.", Lead, Now);
        p.LinkedIncidents.Select(i => i.CaseId).Should().Equal(Incident);
        p.Incidents.Should().HaveCount(2, "the ended link stays");
        p.History.Should().Contain(h => h.Kind == ProblemHistoryKind.IncidentUnlinked && h.Detail == "Era otra falla.");
        p.Link([other], Lead, Now).Should().ContainSingle().Which.Should().Be(other, "it can be linked again");
    }

    [Fact]
    public void A_problem_needs_title_category_impact_urgency_and_responsible_in_spanish()
    {
        var noTitle = () => Problem.Create(Draft(" "), CasePriority.Low, 2026, 1, [], Lead, Now);
        noTitle.Should().Throw<DomainException>().Which.Message.Should().Be("Escriba el título del problema.");
        var noCategory = () => Problem.Create(Draft() with { CategoryId = null }, CasePriority.Low, 2026, 1, [], Lead, Now);
        noCategory.Should().Throw<DomainException>().Which.Rule.Should().Be(ProblemRules.CategoryRequired);
        var noImpact = () => Problem.Create(Draft() with { Impact = null }, CasePriority.Low, 2026, 1, [], Lead, Now);
        noImpact.Should().Throw<DomainException>().Which.Rule.Should().Be(ProblemRules.ImpactRequired);
        var noResponsible = () => Problem.Create(Draft() with { ResponsibleId = null }, CasePriority.Low, 2026, 1, [], Lead, Now);
        noResponsible.Should().Throw<DomainException>().Which.Rule.Should().Be(ProblemRules.ResponsibleRequired);
        Problem.Create(Draft(), CasePriority.High, 2026, 12, [], Lead, Now).Number.Should().Be("PR-2026-000012");
    }
}

using System.Reflection;
using MesaServicio.Core.Common;
using MesaServicio.Core.Improvement;
using MesaServicio.Core.Reports;

namespace MesaServicio.Tests.Improvement;

[Trait("Pass", "Once")]
public class ImprovementActionDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(-5));
    private static readonly DateOnly Today = new(2026, 11, 10);
    private static readonly Guid Lead = Guid.NewGuid();
    private static readonly Guid Responsible = Guid.NewGuid();
    private static readonly Guid SomeCase = Guid.NewGuid();

    private static readonly Dictionary<ImprovementOperation, Action<ImprovementAction>> Apply = new()
    {
        [ImprovementOperation.Start] = a => a.ChangeStatus(ImprovementActionStatus.InProgress, null, Lead, Now),
        [ImprovementOperation.Complete] = a => a.ChangeStatus(ImprovementActionStatus.Done, "Se publicó la guía.", Lead, Now),
        [ImprovementOperation.Discard] = a => a.ChangeStatus(ImprovementActionStatus.Discarded, "Ya no aplica.", Lead, Now),
        [ImprovementOperation.FollowUp] = a => a.AddFollowUp("Se redactó el borrador.", Lead, Now),
        [ImprovementOperation.Reassign] = a => a.Reassign(Guid.NewGuid(), "Cambio de área.", Lead, Now),
        [ImprovementOperation.ChangeDueDate] = a => a.ChangeDueDate(Today.AddDays(30), "Depende de un proveedor.", Today, Lead, Now),
    };

    private static ImprovementActionDraft Draft(
        string? title = "Guía para restablecer la contraseña del correo", ImprovementOrigin origin = ImprovementOrigin.Novedad,
        Guid[]? cases = null, YearMonth? month = null, Guid? responsible = null, DateOnly? due = null) =>
        new(title, "Los usuarios reportan la misma novedad.", origin, month, cases ?? [SomeCase], responsible ?? Responsible, due ?? Today.AddDays(10));

    private static ImprovementAction New() => ImprovementAction.Create(Draft(), 2026, 7, Today, Lead, Now);

    private static ImprovementAction InState(ImprovementActionStatus status)
    {
        var a = New();
        switch (status)
        {
            case ImprovementActionStatus.InProgress:
                a.ChangeStatus(ImprovementActionStatus.InProgress, null, Lead, Now);
                break;
            case ImprovementActionStatus.Done:
                a.ChangeStatus(ImprovementActionStatus.Done, "Hecho.", Lead, Now);
                break;
            case ImprovementActionStatus.Discarded:
                a.ChangeStatus(ImprovementActionStatus.Discarded, "No aplica.", Lead, Now);
                break;
        }

        return a;
    }

    [Fact]
    public void Every_operation_in_every_state_does_what_the_lifecycle_table_says()
    {
        foreach (var status in Enum.GetValues<ImprovementActionStatus>())
        {
            foreach (var operation in Enum.GetValues<ImprovementOperation>())
            {
                var action = InState(status);
                var act = () => Apply[operation](action);
                if (ImprovementLifecycle.Allows(operation, status))
                {
                    act.Should().NotThrow("{0} is legal in {1}", operation, status);
                }
                else
                {
                    act.Should().Throw<DomainException>("{0} is not legal in {1}", operation, status)
                        .Which.Rule.Should().BeOneOf(ImprovementRules.OperationNotAllowed, ImprovementRules.TransitionNotAllowed);
                }
            }
        }
    }

    [Fact]
    public void Cumplida_and_descartada_are_final_and_abierta_cannot_be_returned_to()
    {
        ImprovementLifecycle.TargetsFrom(ImprovementActionStatus.Done).Should().BeEmpty();
        ImprovementLifecycle.TargetsFrom(ImprovementActionStatus.Discarded).Should().BeEmpty();
        ImprovementLifecycle.TargetsFrom(ImprovementActionStatus.Open).Should().Equal(
            ImprovementActionStatus.InProgress, ImprovementActionStatus.Done, ImprovementActionStatus.Discarded);
        ImprovementLifecycle.TargetsFrom(ImprovementActionStatus.InProgress).Should().Equal(ImprovementActionStatus.Done, ImprovementActionStatus.Discarded);
        var back = () => InState(ImprovementActionStatus.InProgress).ChangeStatus(ImprovementActionStatus.Open, null, Lead, Now);
        back.Should().Throw<DomainException>().Which.Message.Should().Be("Una acción en curso no puede pasar a abierta.");
    }

    [Fact]
    public void A_new_action_is_open_numbered_and_has_its_creation_in_the_history()
    {
        var a = New();
        a.Number.Should().Be("AM-2026-0007");
        a.Status.Should().Be(ImprovementActionStatus.Open);
        a.Cases.Select(c => c.CaseId).Should().Equal(SomeCase);
        a.History.Should().ContainSingle().Which.Kind.Should().Be(ImprovementHistoryKind.Created);
        a.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
        a.IsOverdueOn(Today.AddDays(10)).Should().BeFalse("the due day itself is on time");
        a.IsOverdueOn(Today.AddDays(11)).Should().BeTrue();
    }

    [Theory]
    [InlineData(ImprovementRules.TitleRequired)]
    [InlineData(ImprovementRules.CasesRequired)]
    [InlineData(ImprovementRules.MonthRequired)]
    [InlineData(ImprovementRules.ResponsibleRequired)]
    [InlineData(ImprovementRules.DueDateRequired)]
    [InlineData(ImprovementRules.DueDateInPast)]
    public void An_incomplete_action_is_refused_with_its_rule(string rule)
    {
        var draft = rule switch
        {
            ImprovementRules.TitleRequired => Draft(title: "  "),
            ImprovementRules.CasesRequired => Draft(origin: ImprovementOrigin.LowScore, cases: []),
            ImprovementRules.MonthRequired => Draft(origin: ImprovementOrigin.MonthReview, cases: []),
            ImprovementRules.ResponsibleRequired => Draft(responsible: Guid.Empty),
            ImprovementRules.DueDateRequired => Draft() with { DueOn = null },
            _ => Draft(due: Today.AddDays(-1)),
        };
        var create = () => ImprovementAction.Create(draft, 2026, 1, Today, Lead, Now);
        create.Should().Throw<DomainException>().Which.Rule.Should().Be(rule);
    }

    [Fact]
    public void The_months_review_needs_no_case_but_its_month()
    {
        var a = ImprovementAction.Create(Draft(origin: ImprovementOrigin.MonthReview, cases: [], month: new YearMonth(2026, 10)), 2026, 1, Today, Lead, Now);
        a.OriginMonth.Should().Be("2026-10");
        a.Cases.Should().BeEmpty();
    }

    [Theory]
    [InlineData(ImprovementActionStatus.Done, ImprovementRules.OutcomeRequired)]
    [InlineData(ImprovementActionStatus.Discarded, ImprovementRules.DiscardReasonRequired)]
    public void Closing_without_its_outcome_is_refused_and_changes_nothing(ImprovementActionStatus target, string rule)
    {
        var a = New();
        var close = () => a.ChangeStatus(target, " ", Lead, Now);
        close.Should().Throw<DomainException>().Which.Rule.Should().Be(rule);
        a.Status.Should().Be(ImprovementActionStatus.Open);
        a.ClosedAt.Should().BeNull();
    }

    [Fact]
    public void Completing_records_the_outcome_the_closing_instant_and_a_history_line()
    {
        var a = New();
        a.ChangeStatus(ImprovementActionStatus.Done, "Se publicó la guía en la intranet.", Lead, Now.AddDays(2));
        a.Outcome.Should().Be("Se publicó la guía en la intranet.");
        a.ClosedAt.Should().Be(Now.AddDays(2));
        a.History.Last().Should().BeEquivalentTo(new { Kind = ImprovementHistoryKind.StatusChanged, FromValue = "Open", ToValue = "Done" });
        a.Version.Should().Be(2);
    }

    [Fact]
    public void Rescheduling_and_reassigning_need_a_reason_and_clear_the_due_date_notices()
    {
        var a = New();
        a.MarkDueSoonNoticed(Now);
        var noReason = () => a.ChangeDueDate(Today.AddDays(20), null, Today, Lead, Now);
        noReason.Should().Throw<DomainException>().Which.Rule.Should().Be(ImprovementRules.ChangeReasonRequired);
        a.ChangeDueDate(Today.AddDays(20), "El proveedor entrega en diciembre.", Today, Lead, Now).Should().BeTrue();
        a.DueSoonNoticeAt.Should().BeNull();
        a.ChangeDueDate(Today.AddDays(20), "Igual.", Today, Lead, Now).Should().BeFalse("nothing changes");
        a.Reassign(Responsible, "Igual.", Lead, Now).Should().BeFalse();
        a.History.Select(h => h.Kind).Should().Equal(ImprovementHistoryKind.Created, ImprovementHistoryKind.DueDateChanged);
    }

    [Fact]
    public void Every_improvement_rule_state_and_origin_has_a_Spanish_text()
    {
        var rules = typeof(ImprovementRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        rules.Should().HaveCountGreaterThan(10);
        rules.Where(r => !DomainMessages.Has(r)).Should().BeEmpty();
        Enum.GetNames<ImprovementActionStatus>().Where(n => !DomainMessages.Has("Improvement.Status." + n)).Should().BeEmpty();
        Enum.GetNames<ImprovementOrigin>().Where(n => !DomainMessages.Has("Improvement.Origin." + n)).Should().BeEmpty();
        Enum.GetNames<ImprovementHistoryKind>().Where(n => !DomainMessages.Has("Improvement.History." + n)).Should().BeEmpty();
    }
}

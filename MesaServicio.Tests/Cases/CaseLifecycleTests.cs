using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;

using static MesaServicio.Tests.Support.CaseBuilder;

namespace MesaServicio.Tests.Cases;

[Trait("Pass", "Once")]
public class CaseLifecycleTests
{
    private static readonly Guid Level3Agent = MesaServicio.Core.Persistence.SeedData.DemoPeople.Level3Agent;

    /// <summary>Each operation with valid arguments, at a moment that suits it (closing without answer: after the window).</summary>
    private static readonly Dictionary<CaseOperation, Action<Case, DateTimeOffset>> Apply = new()
    {
        [CaseOperation.Assign] = (c, t) => c.Assign(MesaServicio.Core.Persistence.SeedData.DemoPeople.Agent2, 1, 1, At(t, Agent), "Reparto."),
        [CaseOperation.Analyse] = (c, t) => c.Analyse(At(t, Agent)),
        [CaseOperation.Reject] = (c, t) => c.Reject(RejectionReason.InsufficientInformation, "No indica qué equipo falla.", null, At(t, Agent)),
        [CaseOperation.Attend] = (c, t) => c.Attend(At(t, Agent)),
        [CaseOperation.Escalate] = (c, t) => c.Escalate(EscalationKind.NextLevel, c.AssigneeId == Level2Agent ? Level3Agent : Level2Agent, 5, null, "Requiere nivel superior.", At(t, Agent)),
        [CaseOperation.WaitOnRequester] = (c, t) => c.WaitOnRequester("¿Desde qué equipo ocurre?", At(t, Agent)),
        [CaseOperation.Resume] = (c, t) => c.Resume("El usuario respondió.", At(t, Agent)),
        [CaseOperation.Resolve] = (c, t) => c.Resolve("Se cambió el cable de red.", At(t, Agent)),
        [CaseOperation.ReportNovedad] = (c, t) => c.ReportNovedad("El problema volvió.", At(t, Requester)),
        [CaseOperation.Reopen] = (c, t) => c.Reopen("Se ampliará la solución revisando el switch.", At(t, Agent)),
        [CaseOperation.CloseSatisfied] = (c, t) => c.CloseSatisfied("Gracias.", At(t, Requester)),
        [CaseOperation.CloseWithoutAnswer] = (c, t) => c.CloseWithoutAnswer(new CaseContext(Actor.System, t.AddDays(30), ColombianCalendar)),
        [CaseOperation.CloseAfterNovedad] = (c, t) => c.CloseAfterNovedad(CloseOutcome.NewCaseRequired, "Registre un caso nuevo para el calendario.", At(t, Agent)),
    };

    private static readonly Dictionary<(CaseOperation, CaseStatus), CaseStatus> Expected = new()
    {
        [(CaseOperation.Assign, CaseStatus.New)] = CaseStatus.Assigned,
        [(CaseOperation.Assign, CaseStatus.Assigned)] = CaseStatus.Assigned,
        [(CaseOperation.Assign, CaseStatus.InAnalysis)] = CaseStatus.Assigned,
        [(CaseOperation.Assign, CaseStatus.InProgress)] = CaseStatus.Assigned,
        [(CaseOperation.Assign, CaseStatus.Escalated)] = CaseStatus.Assigned,
        [(CaseOperation.Analyse, CaseStatus.Assigned)] = CaseStatus.InAnalysis,
        [(CaseOperation.Reject, CaseStatus.Assigned)] = CaseStatus.Rejected,
        [(CaseOperation.Reject, CaseStatus.InAnalysis)] = CaseStatus.Rejected,
        [(CaseOperation.Attend, CaseStatus.Assigned)] = CaseStatus.InProgress,
        [(CaseOperation.Attend, CaseStatus.InAnalysis)] = CaseStatus.InProgress,
        [(CaseOperation.Attend, CaseStatus.Escalated)] = CaseStatus.InProgress,
        [(CaseOperation.Escalate, CaseStatus.Assigned)] = CaseStatus.Escalated,
        [(CaseOperation.Escalate, CaseStatus.InAnalysis)] = CaseStatus.Escalated,
        [(CaseOperation.Escalate, CaseStatus.InProgress)] = CaseStatus.Escalated,
        [(CaseOperation.Escalate, CaseStatus.Escalated)] = CaseStatus.Escalated,
        [(CaseOperation.WaitOnRequester, CaseStatus.InAnalysis)] = CaseStatus.WaitingOnRequester,
        [(CaseOperation.WaitOnRequester, CaseStatus.InProgress)] = CaseStatus.WaitingOnRequester,
        [(CaseOperation.WaitOnRequester, CaseStatus.Escalated)] = CaseStatus.WaitingOnRequester,
        [(CaseOperation.Resume, CaseStatus.WaitingOnRequester)] = CaseStatus.InProgress,
        [(CaseOperation.Resolve, CaseStatus.InAnalysis)] = CaseStatus.Resolved,
        [(CaseOperation.Resolve, CaseStatus.InProgress)] = CaseStatus.Resolved,
        [(CaseOperation.Resolve, CaseStatus.Escalated)] = CaseStatus.Resolved,
        [(CaseOperation.ReportNovedad, CaseStatus.Resolved)] = CaseStatus.NovedadReported,
        [(CaseOperation.ReportNovedad, CaseStatus.Rejected)] = CaseStatus.NovedadReported,
        [(CaseOperation.Reopen, CaseStatus.NovedadReported)] = CaseStatus.InProgress,
        [(CaseOperation.CloseSatisfied, CaseStatus.Resolved)] = CaseStatus.Closed,
        [(CaseOperation.CloseSatisfied, CaseStatus.Rejected)] = CaseStatus.Closed,
        [(CaseOperation.CloseWithoutAnswer, CaseStatus.Resolved)] = CaseStatus.Closed,
        [(CaseOperation.CloseWithoutAnswer, CaseStatus.Rejected)] = CaseStatus.Closed,
        [(CaseOperation.CloseAfterNovedad, CaseStatus.NovedadReported)] = CaseStatus.Closed,
    };

    public static TheoryData<CaseOperation, CaseStatus> EveryOperationInEveryState()
    {
        var data = new TheoryData<CaseOperation, CaseStatus>();
        foreach (var operation in Enum.GetValues<CaseOperation>())
        {
            foreach (var status in Enum.GetValues<CaseStatus>())
            {
                data.Add(operation, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOperationInEveryState))]
    public void Every_operation_is_legal_exactly_where_the_procedure_allows_it(CaseOperation operation, CaseStatus status)
    {
        var builder = ACase().In(status);
        var c = builder.Build();
        var versionBefore = c.Version;
        var historyBefore = c.History.Count;
        var act = () => Apply[operation](c, builder.LastStepAt.AddMinutes(5));

        if (Expected.TryGetValue((operation, status), out var to))
        {
            CaseLifecycle.Allows(operation, status).Should().BeTrue();
            act.Should().NotThrow();
            c.Status.Should().Be(to);
            c.Version.Should().Be(versionBefore + 1);
            c.History.Should().HaveCount(historyBefore + 1);
            c.History[^1].FromStatus.Should().Be(status);
            c.History[^1].ToStatus.Should().Be(to);
        }
        else
        {
            CaseLifecycle.Allows(operation, status).Should().BeFalse();
            act.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.TransitionNotAllowed);
            c.Status.Should().Be(status, "a refused transition leaves the case as it was");
            c.Version.Should().Be(versionBefore);
            c.History.Should().HaveCount(historyBefore);
        }
    }

    [Fact]
    public void The_lifecycle_table_and_the_expectations_agree()
    {
        foreach (var operation in Enum.GetValues<CaseOperation>())
        {
            CaseLifecycle.StatesAllowing(operation).Should().BeEquivalentTo(
                Expected.Keys.Where(k => k.Item1 == operation).Select(k => k.Item2), $"operation {operation}");
        }
    }

    [Fact]
    public void A_refused_transition_names_the_operation_and_the_state_in_Spanish()
    {
        var c = ACase().In(CaseStatus.Closed).Build();
        var act = () => c.Resolve("Solución", At(MondayMorning.AddDays(1), Agent));
        act.Should().Throw<DomainException>().WithMessage("No se puede resolver un caso en estado «Cerrado».");
    }

    [Fact]
    public void Registration_starts_new_with_one_history_entry_in_utc()
    {
        var c = ACase().In(CaseStatus.New).Build();
        c.Status.Should().Be(CaseStatus.New);
        c.History.Should().ContainSingle();
        var entry = c.History[0];
        entry.Action.Should().Be(CaseAction.Registered);
        entry.ToStatus.Should().Be(CaseStatus.New);
        entry.At.Offset.Should().Be(TimeSpan.Zero);
        entry.At.Should().Be(MondayMorning);
        entry.ActorId.Should().BeNull("the desk registered it for the requester in this builder");
    }

    [Fact]
    public void Every_change_appends_who_when_what_and_from_to()
    {
        var c = ACase().In(CaseStatus.Closed).Build();
        c.History.Select(h => h.Action).Should().Equal(
            CaseAction.Registered, CaseAction.Assigned, CaseAction.AttentionStarted, CaseAction.Resolved, CaseAction.Closed);
        c.History.Select(h => h.At).Should().BeInAscendingOrder();
        c.History[1].ToValue.Should().Be(Agent.ToString());
        c.History[2].ActorId.Should().Be(Agent);
        c.History[3].Detail.Should().Be("Se reconfiguró el perfil de Outlook.");
        c.History[4].ActorId.Should().Be(Requester);
        c.History[4].ToValue.Should().Be(nameof(CloseOutcome.Satisfied));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Rejecting_without_reason_is_refused(string? text)
    {
        var c = ACase().In(CaseStatus.InAnalysis).Build();
        var act = () => c.Reject(RejectionReason.OutOfScope, text!, null, At(MondayMorning.AddHours(1), Agent));
        act.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.RejectReasonRequired);
        c.Status.Should().Be(CaseStatus.InAnalysis);
    }

    [Fact]
    public void Rejecting_as_duplicate_requires_the_original_case()
    {
        var c = ACase().In(CaseStatus.InAnalysis).Build();
        var act = () => c.Reject(RejectionReason.Duplicate, "Ya está reportado.", null, At(MondayMorning.AddHours(1), Agent));
        act.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.RejectDuplicateNeedsOriginal);
    }

    [Fact]
    public void A_case_cannot_duplicate_itself()
    {
        var c = ACase().In(CaseStatus.InAnalysis).Build();
        var act = () => c.Reject(RejectionReason.Duplicate, "Ya está reportado.", c.Id, At(MondayMorning.AddHours(1), Agent));
        act.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.RejectDuplicateOfItself);
    }

    [Fact]
    public void Only_a_duplicate_names_an_original()
    {
        var c = ACase().In(CaseStatus.InAnalysis).Build();
        var act = () => c.Reject(RejectionReason.OutOfScope, "Fuera del catálogo.", Guid.NewGuid(), At(MondayMorning.AddHours(1), Agent));
        act.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.RejectOriginalOnlyForDuplicate);
    }

    [Fact]
    public void Rejecting_as_duplicate_links_the_original_and_opens_the_survey_window()
    {
        var original = Guid.NewGuid();
        var c = ACase().In(CaseStatus.InAnalysis).Build();
        c.Reject(RejectionReason.Duplicate, "Es el mismo caso que MS-2026-000001.", original, At(MondayMorning.AddHours(1), Agent));
        c.DuplicateOfCaseId.Should().Be(original);
        c.RejectionReason.Should().Be(RejectionReason.Duplicate);
        c.SurveyDueAt.Should().Be(new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.FromHours(-5)), "3 business days after Monday");
    }

    [Fact]
    public void Escalating_needs_a_reason_and_a_new_assignee()
    {
        var c = ACase().In(CaseStatus.InProgress).Build();
        var at = At(MondayMorning.AddHours(1), Agent);
        c.Invoking(x => x.Escalate(EscalationKind.NextLevel, Level2Agent, 5, null, " ", at))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.EscalateReasonRequired);
        c.Invoking(x => x.Escalate(EscalationKind.NextLevel, Guid.Empty, 5, null, "Motivo", at))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.EscalateAssigneeRequired);
        c.Invoking(x => x.Escalate(EscalationKind.NextLevel, Agent, 5, null, "Motivo", at))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.EscalateSameAssignee);
        c.Status.Should().Be(CaseStatus.InProgress);
        c.Level.Should().Be(1);
    }

    [Fact]
    public void Escalation_climbs_one_level_at_a_time_and_stops_at_three()
    {
        var c = ACase().In(CaseStatus.InProgress).Build();
        c.Escalate(EscalationKind.NextLevel, Level2Agent, 5, null, "Requiere nivel 2.", At(MondayMorning.AddHours(1), Agent));
        c.Level.Should().Be(2);
        c.Escalate(EscalationKind.NextLevel, Level3Agent, 6, null, "Requiere nivel 3.", At(MondayMorning.AddHours(2), Level2Agent));
        c.Level.Should().Be(3);
        c.AssigneeId.Should().Be(Level3Agent);
        c.History.Where(h => h.Action == CaseAction.Escalated).Select(h => (h.EscalatedToLevel, h.EscalatedToCategoryId))
            .Should().Equal(((int?)2, (int?)null), ((int?)3, (int?)null));
        c.Invoking(x => x.Escalate(EscalationKind.NextLevel, Agent, 1, null, "Otra vez.", At(MondayMorning.AddHours(3), Level3Agent)))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.EscalateMaxLevel);
        c.Events.OfType<CaseEscalated>().Should().HaveCount(2);
    }

    [Fact]
    public void Escalating_to_a_lead_needs_another_category()
    {
        var c = ACase().In(CaseStatus.InProgress).Build();
        var at = At(MondayMorning.AddHours(1), Agent);
        c.Invoking(x => x.Escalate(EscalationKind.OtherCategoryLead, Level2Agent, 2, c.CategoryId, "Motivo", at))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.EscalateSameCategory);
        c.Invoking(x => x.Escalate(EscalationKind.OtherCategoryLead, Level2Agent, 2, null, "Motivo", at))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.EscalateTargetCategoryRequired);
        c.Escalate(EscalationKind.OtherCategoryLead, Level2Agent, 2, 20, "Es del sistema de nómina.", at);
        c.Level.Should().Be(1, "a lead of another category is not a higher level");
        c.History[^1].ToValue.Should().Be(Level2Agent.ToString());
        c.History[^1].EscalatedToCategoryId.Should().Be(20);
        c.History[^1].EscalatedToLevel.Should().BeNull();
    }

    [Fact]
    public void Waiting_on_the_requester_needs_a_message()
    {
        var c = ACase().In(CaseStatus.InProgress).Build();
        c.Invoking(x => x.WaitOnRequester("", At(MondayMorning.AddHours(1), Agent)))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.WaitMessageRequired);
    }

    [Fact]
    public void Resolving_without_solution_is_refused()
    {
        var c = ACase().In(CaseStatus.InProgress).Build();
        c.Invoking(x => x.Resolve("  ", At(MondayMorning.AddHours(1), Agent)))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.ResolveSolutionRequired);
        c.Solution.Should().BeNull();
        c.SurveyDueAt.Should().BeNull();
    }

    [Fact]
    public void Resolving_opens_a_three_business_day_survey_window_across_a_holiday()
    {
        // Thursday 16 July 2026; Monday 20 July is a holiday: Fri 17, Tue 21, Wed 22.
        var c = ACase().In(CaseStatus.InProgress).ReceivedAt(new DateTimeOffset(2026, 7, 16, 9, 0, 0, TimeSpan.FromHours(-5))).Build();
        c.Resolve("Listo.", At(new DateTimeOffset(2026, 7, 16, 15, 0, 0, TimeSpan.FromHours(-5)), Agent));
        c.SurveyDueAt.Should().Be(new DateTimeOffset(2026, 7, 22, 17, 0, 0, TimeSpan.FromHours(-5)));
    }

    [Fact]
    public void Closing_without_answer_waits_for_the_window_to_end()
    {
        var builder = ACase().In(CaseStatus.Resolved);
        var c = builder.Build();
        var due = c.SurveyDueAt!.Value;
        c.Invoking(x => x.CloseWithoutAnswer(new CaseContext(Actor.System, due.AddSeconds(-1), ColombianCalendar)))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.SurveyWindowStillOpen);
        c.CloseWithoutAnswer(new CaseContext(Actor.System, due, ColombianCalendar));
        c.Status.Should().Be(CaseStatus.Closed);
        c.CloseOutcome.Should().Be(CloseOutcome.NoAnswer);
    }

    [Fact]
    public void The_survey_cannot_be_answered_after_its_window()
    {
        var c = ACase().In(CaseStatus.Resolved).Build();
        var after = c.SurveyDueAt!.Value.AddMinutes(1);
        c.Invoking(x => x.ReportNovedad("No sirvió.", At(after, Requester)))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.SurveyWindowClosed);
        c.Invoking(x => x.CloseSatisfied(null, At(after, Requester)))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.SurveyWindowClosed);
    }

    [Theory]
    [InlineData(CloseOutcome.NewCaseRequired)]
    [InlineData(CloseOutcome.NoFurtherSolution)]
    public void After_a_novedad_the_case_closes_with_a_note(CloseOutcome outcome)
    {
        var c = ACase().In(CaseStatus.NovedadReported).Build();
        var at = At(MondayMorning.AddDays(1), Agent);
        c.Invoking(x => x.CloseAfterNovedad(outcome, "", at))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.CloseNoteRequired);
        c.Invoking(x => x.CloseAfterNovedad(CloseOutcome.Satisfied, "Nota", at))
            .Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.CloseOutcomeNotAfterNovedad);
        c.CloseAfterNovedad(outcome, "Nota para el usuario.", at);
        c.CloseOutcome.Should().Be(outcome);
        c.Status.Should().Be(CaseStatus.Closed);
    }

    [Fact]
    public void Reopening_after_a_novedad_clears_the_survey_window()
    {
        var c = ACase().In(CaseStatus.NovedadReported).Build();
        c.Reopen("Se revisará también el calendario compartido.", At(MondayMorning.AddDays(1), Agent));
        c.Status.Should().Be(CaseStatus.InProgress);
        c.SurveyDueAt.Should().BeNull();
        c.ResolvedAt.Should().BeNull();
        c.History[^1].Action.Should().Be(CaseAction.Reopened);
    }

    [Fact]
    public void Registration_validates_subject_and_description()
    {
        CaseRegistration Reg(string subject, string description) => new("MS-2026-000009", CaseKind.Request, 1, subject, description,
            MesaServicio.Core.Priority.Impact.Low, MesaServicio.Core.Priority.Urgency.Low, MesaServicio.Core.Priority.CasePriority.Planned,
            CaseChannel.Portal, Requester, null, null);
        var ctx = new CaseContext(Actor.Person(Requester), MondayMorning, ColombianCalendar);
        FluentActions.Invoking(() => Case.Register(Reg("", "x"), ctx)).Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.SubjectRequired);
        FluentActions.Invoking(() => Case.Register(Reg(new string('a', 201), "x"), ctx)).Should().Throw<DomainException>()
            .WithMessage("El asunto admite como máximo 200 caracteres.");
        FluentActions.Invoking(() => Case.Register(Reg("Asunto", " "), ctx)).Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.DescriptionRequired);
        Case.Register(Reg("  Instalar Power BI  ", "Para el informe FURAG."), ctx).Subject.Should().Be("Instalar Power BI");
    }

    [Fact]
    public void An_agent_filing_for_someone_is_recorded()
    {
        var ctx = new CaseContext(Actor.Person(Agent), MondayMorning, ColombianCalendar);
        var registration = new CaseRegistration("MS-2026-000010", CaseKind.Incident, 1, "Sin red", "Llamó por teléfono.",
            MesaServicio.Core.Priority.Impact.Medium, MesaServicio.Core.Priority.Urgency.Medium, MesaServicio.Core.Priority.CasePriority.Medium,
            CaseChannel.Agent, Requester, null, null);
        FluentActions.Invoking(() => Case.Register(registration, ctx)).Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.ChannelNeedsFiler);
        Case.Register(registration with { FiledById = Agent }, ctx).FiledById.Should().Be(Agent);
    }

    private static CaseContext At(DateTimeOffset now, Guid who) => new(Actor.Person(who), now, ColombianCalendar);
}

using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;

namespace MesaServicio.Tests.Support;

/// <summary>Builds a case in any state by walking the real lifecycle: <c>ACase().In(CaseStatus.Escalated).Build()</c>.</summary>
internal sealed class CaseBuilder
{
    public static readonly BusinessCalendar ColombianCalendar = BusinessCalendar.ColombiaDefault();

    /// <summary>Monday 2 March 2026, 09:00 in Bogotá: an ordinary business morning.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));

    public static readonly Guid Agent = SeedData.DemoPeople.Agent1;
    public static readonly Guid Level2Agent = SeedData.DemoPeople.Level2Agent;
    public static readonly Guid Requester = SeedData.DemoPeople.Requester;

    private CaseStatus _status = CaseStatus.Assigned;
    private DateTimeOffset _receivedAt = MondayMorning;
    private SlaPolicy? _policy;
    private TimeSpan _step = TimeSpan.FromMinutes(10);

    public static CaseBuilder ACase() => new();

    public CaseBuilder In(CaseStatus status)
    {
        _status = status;
        return this;
    }

    public CaseBuilder ReceivedAt(DateTimeOffset instant)
    {
        _receivedAt = instant;
        return this;
    }

    public CaseBuilder WithAns(SlaTarget? attend, SlaTarget? resolve)
    {
        _policy = new SlaPolicy(null, CaseKind.Incident, CasePriority.High, attend, resolve);
        return this;
    }

    /// <summary>Time between the builder's steps.</summary>
    public CaseBuilder StepsOf(TimeSpan step)
    {
        _step = step;
        return this;
    }

    /// <summary>The instant of the last step the builder took.</summary>
    public DateTimeOffset LastStepAt { get; private set; }

    public Case Build()
    {
        var now = _receivedAt;
        CaseContext System() => new(Actor.System, now, ColombianCalendar);
        CaseContext AgentAt(Guid who)
        {
            now += _step;
            return new CaseContext(Actor.Person(who), now, ColombianCalendar);
        }

        var c = Case.Register(
            new CaseRegistration("MS-2026-000001", CaseKind.Incident, 10, "No funciona el correo", "Outlook no sincroniza desde esta mañana.",
                Impact.High, Urgency.Medium, CasePriority.High, CaseChannel.Portal, Requester, null, _policy),
            System());

        if (_status != CaseStatus.New)
        {
            c.Assign(Agent, 1, 1, System());
        }

        switch (_status)
        {
            case CaseStatus.New or CaseStatus.Assigned:
                break;
            case CaseStatus.InAnalysis:
                c.Analyse(AgentAt(Agent));
                break;
            case CaseStatus.InProgress:
                c.Attend(AgentAt(Agent));
                break;
            case CaseStatus.WaitingOnRequester:
                c.Attend(AgentAt(Agent));
                c.WaitOnRequester("Envíe una captura de pantalla del error.", AgentAt(Agent));
                break;
            case CaseStatus.Escalated:
                c.Attend(AgentAt(Agent));
                c.Escalate(EscalationKind.NextLevel, Level2Agent, 5, null, "Requiere acceso al servidor de correo.", AgentAt(Agent));
                break;
            case CaseStatus.Resolved:
                c.Attend(AgentAt(Agent));
                c.Resolve("Se reconfiguró el perfil de Outlook.", AgentAt(Agent));
                break;
            case CaseStatus.Rejected:
                c.Analyse(AgentAt(Agent));
                c.Reject(RejectionReason.OutOfScope, "El equipo es personal, no de la entidad.", null, AgentAt(Agent));
                break;
            case CaseStatus.NovedadReported:
                c.Attend(AgentAt(Agent));
                c.Resolve("Se reconfiguró el perfil de Outlook.", AgentAt(Agent));
                c.ReportNovedad("Sigue sin sincronizar el calendario.", new CaseContext(Actor.Person(Requester), now += _step, ColombianCalendar));
                break;
            case CaseStatus.Closed:
                c.Attend(AgentAt(Agent));
                c.Resolve("Se reconfiguró el perfil de Outlook.", AgentAt(Agent));
                c.CloseSatisfied(null, new CaseContext(Actor.Person(Requester), now += _step, ColombianCalendar));
                break;
            default:
                throw new InvalidOperationException($"No path to {_status}.");
        }

        LastStepAt = now;
        c.Status.Should().Be(_status, "the builder walks the lifecycle to the state asked for");
        return c;
    }
}

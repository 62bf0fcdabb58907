using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Tests.Surveys.SurveyScenario;

namespace MesaServicio.Tests.Surveys;

/// <summary>
/// Issue 20, finding 12 for the survey: the notices of a committed answer (the novedad's, to the assignee and the lead)
/// are pushed live even when the request that answered is cancelled right after the commit.
/// </summary>
public sealed class CommittedSurveyNoticeTests
{
    private static readonly SurveyAnswer NotSatisfied = new(false, 2, 2, 5, "El calendario compartido sigue sin sincronizar.");

    [Fact]
    public async Task A_survey_answered_in_the_portal_pushes_its_notices_even_when_the_request_is_cancelled_after_the_commit()
    {
        var (host, live, request, c) = await InvitedAsync();
        await using var _ = host;
        using var __ = request;
        var requester = await host.UserAsync(c.RequesterId);

        live.CancelOnCommit = request;
        await host.Get<AnswerSurvey>().HandleAsync(new AnswerSurveyCommand(c.Number, null, NotSatisfied), requester, request.Token);

        request.IsCancellationRequested.Should().BeTrue("the request went away once the answer was committed");
        live.Pushed.Where(n => n.Kind == MessageKind.NovedadReported).Should().HaveCount(2, "the assignee and the lead hear of it live");
    }

    [Fact]
    public async Task A_survey_answered_through_the_link_pushes_its_notices_even_when_the_request_is_cancelled_after_the_commit()
    {
        var (host, live, request, c) = await InvitedAsync();
        await using var _ = host;
        using var __ = request;
        var token = TokenIn((await MailsAsync(host, c.Id, MessageKind.SurveyInvitation)).Single());

        live.CancelOnCommit = request;
        await host.Get<SurveyLinks>().AnswerAsync(token, NotSatisfied, request.Token);

        request.IsCancellationRequested.Should().BeTrue("the request went away once the answer was committed");
        live.Pushed.Where(n => n.Kind == MessageKind.NovedadReported).Should().HaveCount(2, "the assignee and the lead hear of it live");
    }

    /// <summary>A resolved case whose requester was invited to the survey, on a host whose live channel honours the request's token.</summary>
    private static async Task<(CoreHost Host, LiveChannel Live, CancellationTokenSource Request, Case Case)> InvitedAsync()
    {
        var live = new LiveChannel();
        var host = await CoreHost.StartAsync(FridayAfternoon, services => services
            .AddSingleton<IPortalNotifier>(live)
            .AddSingleton<ICaseEventHandler>(live));
        var c = await FileAndResolveAsync(host);
        await SweepAsync(host);
        return (host, live, new CancellationTokenSource(), c);
    }

    /// <summary>
    /// Stands for the live channel under load (it honours the token it is given) and for a client that disconnects as
    /// soon as its change is committed (the committed events cancel the armed request).
    /// </summary>
    private sealed class LiveChannel : IPortalNotifier, ICaseEventHandler
    {
        public CancellationTokenSource? CancelOnCommit { get; set; }

        public List<PortalNotification> Pushed { get; } = [];

        public Task PushAsync(IReadOnlyList<PortalNotification> notices, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Pushed.AddRange(notices);
            return Task.CompletedTask;
        }

        public async Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
        {
            if (CancelOnCommit is { } request)
            {
                await request.CancelAsync();
            }
        }
    }
}

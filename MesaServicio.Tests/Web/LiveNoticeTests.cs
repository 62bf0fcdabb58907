using System.Collections.Concurrent;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Live;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Web;

/// <summary>
/// Portal notices and case-page changes pushed live on the server's feed once committed (decision 0020): what the bell
/// and the case page subscribe to in their circuits.
/// </summary>
public sealed class LiveNoticeTests : IClassFixture<LiveNoticeTests.Portal>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Portal _portal;

    public LiveNoticeTests(Portal portal) => _portal = portal;

    [Fact]
    public void The_portal_pushes_notices_on_the_live_feed_and_nowhere_else()
    {
        _portal.Services.GetRequiredService<IPortalNotifier>().Should().BeOfType<LivePortalNotifier>();
        _portal.Services.GetServices<IPortalNotifier>().Should().ContainSingle();
    }

    [Fact]
    public async Task A_notice_reaches_the_feed_with_its_person_and_text()
    {
        using var listener = _portal.Listen();
        var notice = new PortalNotification("prueba:" + Guid.NewGuid().ToString("N"), DemoPeople.Agent3, MessageKind.SlaAtRisk, null,
            "MS-2026-000777", "El caso MS-2026-000777 está en riesgo de incumplir el ANS.", DateTimeOffset.UtcNow);

        await _portal.Services.GetRequiredService<IPortalNotifier>().PushAsync([notice], default);

        var received = await listener.NextNoticeAsync(n => n.Id == notice.Id, Patience);
        received.Should().BeEquivalentTo(new { notice.Id, PersonId = DemoPeople.Agent3, CaseNumber = "MS-2026-000777", notice.Text });
    }

    [Fact]
    public async Task A_novedad_answered_through_the_link_reaches_the_assignee_live()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester, "No carga el aplicativo de correspondencia");
        var assignee = await _portal.AssigneeOfAsync(number);
        using var listener = _portal.Listen();
        var token = await _portal.ResolveWithLinkAsync(number, assignee);

        await _portal.Services.GetRequiredService<SurveyLinks>().AnswerAsync(
            token, new SurveyAnswer(false, 2, 2, 4, "Sigue sin cargar el aplicativo."), default);

        var notice = await listener.NextNoticeAsync(n => n.PersonId == assignee && n.Kind == MessageKind.NovedadReported, Patience);
        notice.CaseNumber.Should().Be(number);
        notice.Text.Should().Contain(number);
        await using var db = await _portal.NewContextAsync();
        (await db.PortalNotifications.AnyAsync(n => n.PersonId == assignee && n.Id == notice.Id)).Should().BeTrue("the push is the inbox's notice");
    }

    [Fact]
    public async Task A_requesters_bell_is_live_the_desks_question_reaches_her_on_the_feed()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester2, "No imprime la impresora del piso 3");
        var assignee = await _portal.AssigneeOfAsync(number);
        using var requester = _portal.Listen();
        var agent = CurrentUser.Person(assignee, PersonRoles.Agent);
        await _portal.Services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await _portal.Services.GetRequiredService<WaitOnRequester>().HandleAsync(
            new WaitOnRequesterCommand(number, null, "¿Qué dice la pantalla de la impresora?"), agent, default);

        var notice = await requester.NextNoticeAsync(n => n.PersonId == DemoPeople.Requester2 && n.Kind == MessageKind.QuestionAsked, Patience);
        notice.CaseNumber.Should().Be(number);
    }

    [Fact]
    public async Task A_committed_case_change_tells_the_case_pages_by_number()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester3, "No abre el aplicativo de nómina");
        var assignee = await _portal.AssigneeOfAsync(number);
        using var page = _portal.Listen();

        await _portal.Services.GetRequiredService<AttendCase>().HandleAsync(
            new AttendCaseCommand(number, null), CurrentUser.Person(assignee, PersonRoles.Agent), default);

        (await page.NextAsync(m => m is CasePageChanged c && c.Number == number, Patience)).Should().BeOfType<CasePageChanged>();
    }

    /// <summary>The portal factory, with helpers to file, attend and resolve cases.</summary>
    public sealed class Portal : PortalFactory
    {
        /// <summary>A subscriber of the portal's live feed, as a bell or a case page subscribes.</summary>
        public FeedListener Listen() => new(Services.GetRequiredService<LiveFeed>());

        public async Task<MesaDbContext> NewContextAsync() =>
            await Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();

        public async Task<Guid> AssigneeOfAsync(string number)
        {
            await using var db = await NewContextAsync();
            return await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId!.Value).SingleAsync();
        }

        /// <summary>Attends and resolves the case as its assignee, and writes its survey link as the invitation sweep would.</summary>
        public async Task<string> ResolveWithLinkAsync(string number, Guid assignee)
        {
            var agent = CurrentUser.Person(assignee, PersonRoles.Agent);
            await Services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
            await Services.GetRequiredService<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Se reinstaló el aplicativo."), agent, default);
            var token = SurveyTokens.NewToken();
            await using var db = await NewContextAsync();
            var c = await db.Cases.SingleAsync(x => x.Number == number);
            db.SurveyInvitations.Add(new SurveyInvitation(c.Id, c.SurveyRound, DateTimeOffset.UtcNow, c.SurveyDueAt!.Value, SurveyTokens.Hash(token)));
            await db.SaveChangesAsync();
            return token;
        }
    }

    /// <summary>Records what the feed delivers.</summary>
    public sealed class FeedListener : ILiveSubscriber, IDisposable
    {
        private readonly BlockingCollection<LiveMessage> _queue = [];
        private readonly IDisposable _subscription;

        public FeedListener(LiveFeed feed) => _subscription = feed.Subscribe(this);

        public void OnMessage(LiveMessage message) => _queue.Add(message);

        public void OnResync()
        {
        }

        public Task<LiveMessage> NextAsync(Func<LiveMessage, bool> match, TimeSpan timeout) => Task.Run(() =>
        {
            var until = DateTime.UtcNow + timeout;
            while (until - DateTime.UtcNow is { Ticks: > 0 } left && _queue.TryTake(out var m, left))
            {
                if (match(m))
                {
                    return m;
                }
            }

            throw new TimeoutException($"No matching live message within {timeout}");
        });

        public async Task<NoticeAdded> NextNoticeAsync(Func<NoticeAdded, bool> match, TimeSpan timeout) =>
            (NoticeAdded)await NextAsync(m => m is NoticeAdded n && match(n), timeout);

        public void Dispose()
        {
            _subscription.Dispose();
            _queue.Dispose();
        }
    }
}

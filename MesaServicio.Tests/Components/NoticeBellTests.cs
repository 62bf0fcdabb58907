using Bunit;
using MesaServicio.Core.Live;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Notices;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Components;

/// <summary>The bell in the app bar: the person's own notices, the unread count, marking them read, live notices.</summary>
[Trait("Pass", "Once")]
public sealed class NoticeBellTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public NoticeBellTests()
    {
        Services.AddMesaPortalNotices();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        SignInAs(DemoPeople.Agent1, PersonRoles.Agent);
    }

    [Fact]
    public async Task The_bell_lists_only_the_persons_own_notices_with_the_unread_count_in_its_name()
    {
        await NoticeAsync(DemoPeople.Agent1, "El caso MS-2026-000101 está en riesgo de incumplir el ANS de solución.", "MS-2026-000101", TimeSpan.FromMinutes(-30));
        await NoticeAsync(DemoPeople.Agent1, "Novedad reportada en el caso MS-2026-000102.", "MS-2026-000102", TimeSpan.FromMinutes(-10));
        await NoticeAsync(DemoPeople.Agent2, "Novedad reportada en el caso MS-2026-000999.", "MS-2026-000999", TimeSpan.FromMinutes(-5));
        var providers = RenderProviders();

        var cut = Render<NoticeBell>();

        cut.WaitForAssertion(() => Bell(cut).GetAttribute("aria-label").Should().Be("Avisos: 2 sin leer"), Patience);
        await cut.InvokeAsync(() => Bell(cut).Click());
        providers.Popovers.WaitForAssertion(() =>
        {
            var items = providers.Popovers.FindAll("[data-aviso]");
            items.Select(i => i.GetAttribute("href")).Should().Equal("/casos/MS-2026-000102", "/casos/MS-2026-000101");
            items[0].TextContent.Should().Contain("Nuevo: Novedad reportada en el caso MS-2026-000102.");
            providers.Popovers.Markup.Should().NotContain("MS-2026-000999", "another person's notices are never shown");
        }, Patience);
    }

    [Fact]
    public async Task Marking_read_clears_the_count_of_this_person_only()
    {
        await NoticeAsync(DemoPeople.Agent1, "Novedad reportada en el caso MS-2026-000201.", "MS-2026-000201", TimeSpan.FromMinutes(-10));
        await NoticeAsync(DemoPeople.Agent2, "Novedad reportada en el caso MS-2026-000202.", "MS-2026-000202", TimeSpan.FromMinutes(-10));
        var providers = RenderProviders();
        var cut = Render<NoticeBell>();
        cut.WaitForAssertion(() => Bell(cut).GetAttribute("aria-label").Should().Be("Avisos: 1 sin leer"), Patience);

        await cut.InvokeAsync(() => Bell(cut).Click());
        providers.Popovers.WaitForAssertion(() => providers.Popovers.Find("[data-testid=marcar-leidos]"), Patience);
        await providers.Popovers.InvokeAsync(() => providers.Popovers.Find("[data-testid=marcar-leidos]").Click());

        cut.WaitForAssertion(() => Bell(cut).GetAttribute("aria-label").Should().Be("Avisos: ninguno sin leer"), Patience);
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        (await db.PortalNotifications.SingleAsync(n => n.PersonId == DemoPeople.Agent1)).ReadAt.Should().Be(Time.GetUtcNow());
        (await db.PortalNotifications.SingleAsync(n => n.PersonId == DemoPeople.Agent2)).ReadAt.Should().BeNull("another person's notices are not touched");
    }

    [Fact]
    public async Task Marking_read_leaves_unread_a_notice_that_arrived_after_the_newest_one_seen()
    {
        await NoticeAsync(DemoPeople.Agent1, "Aviso visto.", "MS-2026-000301", TimeSpan.FromMinutes(-10));
        var seen = await Get<ListPortalNotifications>().HandleAsync(Me, default);
        await NoticeAsync(DemoPeople.Agent1, "Aviso que llegó después.", "MS-2026-000302", TimeSpan.FromMinutes(5));

        var marked = await Get<MarkPortalNotificationsRead>().HandleAsync(new MarkPortalNotificationsReadCommand(seen.Latest.Max(n => n.CreatedAt)), Me, default);

        marked.Should().Be(1);
        (await Get<ListPortalNotifications>().HandleAsync(Me, default)).UnreadCount.Should().Be(1);
    }

    [Fact]
    public async Task A_notice_on_the_live_feed_for_this_person_updates_the_bell_and_a_burst_makes_one_toast()
    {
        var providers = RenderProviders();
        var cut = Render<NoticeBell>();
        cut.WaitForAssertion(() => Bell(cut).GetAttribute("aria-label").Should().Be("Avisos: ninguno sin leer"), Patience);

        var feed = Get<LiveFeed>();
        feed.Publish(new NoticeAdded(Guid.NewGuid(), DemoPeople.Agent2, MessageKind.NovedadReported, "MS-2026-000400", "Otra persona.", Time.GetUtcNow()));
        feed.Publish(new NoticeAdded(Guid.NewGuid(), DemoPeople.Agent1, MessageKind.NovedadReported, "MS-2026-000401", "Novedad reportada en el caso MS-2026-000401.", Time.GetUtcNow()));
        cut.WaitForAssertion(() => Bell(cut).GetAttribute("aria-label").Should().Be("Avisos: 1 sin leer"), Patience);
        Time.Advance(TimeSpan.FromSeconds(1));
        providers.Snackbars.WaitForAssertion(
            () => providers.Snackbars.Find(".mud-snackbar").TextContent.Should().Contain("Novedad reportada en el caso MS-2026-000401."), Patience);
        cut.Markup.Should().NotContain("Otra persona.", "another person's notice never enters this bell");

        var burst = Enumerable.Range(0, 3).Select(i => new NoticeAdded(Guid.NewGuid(), DemoPeople.Agent1, MessageKind.SlaAtRisk, null, $"Aviso {i}", Time.GetUtcNow())).ToList();
        foreach (var notice in burst)
        {
            feed.Publish(notice);
        }

        feed.Publish(burst[0]); // A repeat (delivered twice, e.g. after a resync) never counts twice.
        cut.WaitForAssertion(() => Bell(cut).GetAttribute("aria-label").Should().Be("Avisos: 4 sin leer"), Patience);
        Time.Advance(TimeSpan.FromSeconds(1));
        providers.Snackbars.WaitForAssertion(
            () => providers.Snackbars.FindAll(".mud-snackbar").Select(s => s.TextContent).Should().Contain(t => t.Contains("Tiene 3 avisos nuevos.")), Patience);
    }

    [Fact]
    public async Task A_resync_reads_the_inbox_again_and_a_disposed_bell_stops_listening()
    {
        var feed = Get<LiveFeed>();
        var before = feed.SubscriberCount;
        var cut = Render<NoticeBell>();
        cut.WaitForAssertion(() => Bell(cut).GetAttribute("aria-label").Should().Be("Avisos: ninguno sin leer"), Patience);
        feed.SubscriberCount.Should().Be(before + 1);

        await NoticeAsync(DemoPeople.Agent1, "Aviso que no llegó en vivo.", "MS-2026-000501", TimeSpan.FromMinutes(-1));
        feed.Resync();

        cut.WaitForAssertion(() => Bell(cut).GetAttribute("aria-label").Should().Be("Avisos: 1 sin leer"), Patience);
        await cut.Instance.DisposeAsync();
        feed.SubscriberCount.Should().Be(before);
    }

    private static CurrentUser Me => CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent);

    private static AngleSharp.Dom.IElement Bell(IRenderedComponent<NoticeBell> cut) => cut.Find("[data-testid=campana-avisos] button");

    private async Task NoticeAsync(Guid personId, string text, string caseNumber, TimeSpan fromNow)
    {
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        db.PortalNotifications.Add(new PortalNotification(
            "prueba:" + Guid.NewGuid().ToString("N"), personId, MessageKind.NovedadReported, null, caseNumber, text, Time.GetUtcNow() + fromNow));
        await db.SaveChangesAsync();
    }
}

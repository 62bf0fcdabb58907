using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.People;
using MesaServicio.Core.Privacy;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Privacy;

/// <summary>The privacy notice (Ley 1581 de 2012): versioned, accepted once per version, published by the coordinator.</summary>
public sealed class PrivacyNoticeTests : IAsyncLifetime
{
    private static readonly CurrentUser Requester = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);
    private CoreHost _host = null!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private PrivacyNotices Notices => _host.Get<PrivacyNotices>();

    [Fact]
    public async Task A_new_portal_has_a_first_version_that_nobody_has_accepted()
    {
        var standing = await Notices.GetStandingAsync(Requester, default);

        standing.Should().NotBeNull();
        standing!.Notice.Version.Should().Be(1);
        standing.Notice.Text.Should().Contain("Ley 1581 de 2012").And.Contain("Mis datos").And.Contain("10 días hábiles").And.Contain("15 días hábiles");
        standing.Accepted.Should().BeFalse();
        (await Notices.GetStandingAsync(CurrentUser.Anonymous, default)).Should().BeNull("only a signed-in person accepts");
    }

    [Fact]
    public async Task A_version_is_accepted_once_and_a_new_version_is_asked_for_again()
    {
        var first = await Notices.AcceptAsync(Requester, 1, default);
        first.Accepted.Should().BeTrue();
        first.AcceptedAt.Should().Be(_host.Time.GetUtcNow());

        _host.Time.Advance(TimeSpan.FromHours(3));
        var again = await Notices.AcceptAsync(Requester, 1, default);
        again.AcceptedAt.Should().Be(first.AcceptedAt, "the first acceptance of a version stands");
        (await Notices.GetStandingAsync(Requester, default))!.Accepted.Should().BeTrue();

        var published = await Notices.PublishAsync(Coordinator, "Nuevo aviso de privacidad.\n\nCon otra finalidad.", default);
        published.Should().Be(2);
        var standing = await Notices.GetStandingAsync(Requester, default);
        standing!.Notice.Version.Should().Be(2);
        standing.Accepted.Should().BeFalse("version 2 was never accepted");

        await Notices.AcceptAsync(Requester, 2, default);
        await using var db = _host.NewContext();
        var rows = await db.PrivacyAcceptances.Where(a => a.PersonId == DemoPeople.Requester).OrderBy(a => a.Version).ToListAsync();
        rows.Select(a => a.Version).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Accepting_a_version_that_is_no_longer_in_force_is_refused()
    {
        await Notices.PublishAsync(Coordinator, "Aviso revisado por la oficina jurídica.", default);

        var stale = () => Notices.AcceptAsync(Requester, 1, default);

        (await stale.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.PrivacyNoticeChanged);
        await using var db = _host.NewContext();
        (await db.PrivacyAcceptances.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Publishing_is_audited_and_the_same_text_publishes_nothing()
    {
        var current = await Notices.GetCurrentAsync(default);

        (await Notices.PublishAsync(Coordinator, "  " + current.Text + "\n", default)).Should().Be(1, "the same words are not a new version");
        (await Notices.PublishAsync(Coordinator, "Aviso de la entidad, versión jurídica.", default)).Should().Be(2);

        await using var db = _host.NewContext();
        var audit = await db.ConfigurationChanges.SingleAsync(c => c.Area == ConfigurationAreas.PrivacyNotice);
        audit.ActorId.Should().Be(DemoPeople.Coordinator);
        audit.Subject.Should().Be("Aviso de privacidad, versión 2");
        (await db.PrivacyNotices.SingleAsync(n => n.Version == 2)).PublishedById.Should().Be(DemoPeople.Coordinator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_text_is_refused(string text)
    {
        var publish = () => Notices.PublishAsync(Coordinator, text, default);

        (await publish.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.PrivacyTextRequired);
    }

    [Fact]
    public async Task A_text_too_long_is_refused_with_the_limit_in_colombian_format()
    {
        var publish = () => Notices.PublishAsync(Coordinator, new string('a', PrivacyNotice.TextMaxLength + 1), default);

        (await publish.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("20.000");
    }

    [Fact]
    public async Task Only_the_coordinator_publishes()
    {
        var publish = () => Notices.PublishAsync(CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead), "Otro aviso", default);

        await publish.Should().ThrowAsync<ForbiddenException>();
        (await Notices.GetCurrentAsync(default)).Version.Should().Be(1);
    }
}

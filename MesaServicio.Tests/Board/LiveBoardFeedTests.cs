using System.Collections.Concurrent;
using System.Data.Common;
using Bunit;
using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Live;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Web.Components.Board;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Board;

/// <summary>
/// The open board on the server's live feed (issue #17, decision 0020): a change reaches it with no database query on
/// its side, the mover's board changes once, a gap makes it read exactly once.
/// </summary>
public sealed class LiveBoardFeedTests : BoardTestContext
{
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
    private readonly CommandCounter _commands = new();

    public LiveBoardFeedTests() => ((IServiceCollection)Services).ConfigureDbContext<MesaDbContext>(o => o.AddInterceptors(_commands));

    [Fact]
    public async Task A_committed_change_reaches_an_open_board_without_a_database_query_on_its_side()
    {
        var number = await FileAsync("Correo electrónico institucional", "No abre el correo");
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Article(cut, number).Should().NotBeNull());

        // What the database had run when the feed delivered the change (the sender's work is done by then): the board's
        // own handling of it must add nothing.
        var atDelivery = new Recorder(_commands);
        using (Get<LiveFeed>().Subscribe(atDelivery))
        {
            await Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), Coordinator, default);
            cut.WaitForAssertion(() => cut.Find($"section[data-columna={BoardColumn.InProgress}] article[data-numero='{number}']"));
        }

        atDelivery.CommandsWhenDelivered.Should().BeGreaterThan(0, "the interceptor sees the desk's commands");
        _commands.Count.Should().Be(atDelivery.CommandsWhenDelivered, "the board applied the change from the card the feed carried");
        cut.Instance.Reads.Should().Be(1);
        cut.Instance.Applied.Should().Be(1);
    }

    [Fact]
    public async Task The_movers_board_changes_once_and_does_not_read_again()
    {
        var number = await FileAsync("Correo electrónico institucional", "No abre el correo");
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        var providers = RenderProviders();
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Article(cut, number).Should().NotBeNull());
        var applied = cut.Instance.Applied;

        var click = cut.InvokeAsync(() => Article(cut, number)!.QuerySelector("button.board-move")!
            .ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find($"[data-mover={BoardMove.Attend}]"));
        await providers.Dialogs.Find($"[data-mover={BoardMove.Attend}]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        await click;

        cut.WaitForAssertion(() => cut.Find($"section[data-columna={BoardColumn.InProgress}] article[data-numero='{number}']"));
        cut.Instance.Applied.Should().Be(applied + 1, "the committed move came back once, through the feed");
        cut.Instance.Reads.Should().Be(1, "the mover's board did not read again after its move");
    }

    [Fact]
    public async Task A_gap_in_another_instances_sequence_makes_the_board_read_exactly_once()
    {
        await FileAsync("Correo electrónico institucional", "No abre el correo");
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => cut.Instance.Reads.Should().Be(1));
        var feed = Get<LiveFeed>();
        var other = Guid.NewGuid();

        feed.Receive(new LiveEnvelope(other, 1, new CasePageChanged("MS-2026-000999")));
        feed.Receive(new LiveEnvelope(other, 2, new CasePageChanged("MS-2026-000999")));
        await Task.Delay(BoardPage.ReloadInterval * 2);
        cut.Instance.Reads.Should().Be(1, "an unbroken sequence from its start asks for no read");

        feed.Receive(new LiveEnvelope(other, 5, new CasePageChanged("MS-2026-000999")));
        cut.WaitForAssertion(() => cut.Instance.Reads.Should().Be(2));
        feed.Receive(new LiveEnvelope(other, 6, new CasePageChanged("MS-2026-000999")));
        await Task.Delay(BoardPage.ReloadInterval * 2);
        cut.Instance.Reads.Should().Be(2, "one gap, one read");
    }

    [Fact]
    public async Task A_closed_board_stops_listening()
    {
        var feed = Get<LiveFeed>();
        var before = feed.SubscriberCount;
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => feed.SubscriberCount.Should().Be(before + 1));

        await DisposeComponentsAsync();

        feed.SubscriberCount.Should().Be(before);
    }

    private static AngleSharp.Dom.IElement? Article(IRenderedComponent<BoardPage> cut, string number) =>
        cut.FindAll($"article[data-numero='{number}']").SingleOrDefault();

    /// <summary>Notes how many commands had run when a card change was delivered.</summary>
    private sealed class Recorder(CommandCounter commands) : ILiveSubscriber
    {
        public int? CommandsWhenDelivered { get; private set; }

        public void OnMessage(LiveMessage message)
        {
            if (message is CardChanged)
            {
                CommandsWhenDelivered = commands.Count;
            }
        }

        public void OnResync()
        {
        }
    }

    /// <summary>Counts every command the desk's contexts send to the database.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public int Count => _commands.Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _commands.Enqueue(command.CommandText);
            return result;
        }
    }
}

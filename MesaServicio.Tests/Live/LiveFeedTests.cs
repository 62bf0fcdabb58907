using System.Text.Json;
using MesaServicio.Core.Live;
using MesaServicio.Core.Notifications;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MesaServicio.Tests.Live;

/// <summary>The live feed's promises: order, subscriptions, isolation of failures, gaps and resync, the envelope's JSON.</summary>
public sealed class LiveFeedTests
{
    private static LiveFeed NewFeed() => new(NullLogger<LiveFeed>.Instance);

    [Fact]
    public void Messages_arrive_in_publication_order_until_the_subscription_is_disposed()
    {
        var feed = NewFeed();
        var page = new Recorder();
        var subscription = feed.Subscribe(page);

        feed.Publish(new CasePageChanged("MS-1"));
        feed.Publish(new CasePageChanged("MS-2"));
        subscription.Dispose();
        feed.Publish(new CasePageChanged("MS-3"));

        page.Messages.Should().Equal(new CasePageChanged("MS-1"), new CasePageChanged("MS-2"));
        feed.SubscriberCount.Should().Be(0);
    }

    [Fact]
    public void A_subscriber_that_throws_does_not_stop_the_others()
    {
        var feed = NewFeed();
        var page = new Recorder();
        using var broken = feed.Subscribe(new Throwing());
        using var ok = feed.Subscribe(page);

        feed.Publish(new CasePageChanged("MS-1"));
        feed.Resync();

        page.Messages.Should().ContainSingle();
        page.Resyncs.Should().Be(1);
    }

    [Fact]
    public void Receive_ignores_its_own_envelopes_and_a_gap_makes_exactly_one_resync()
    {
        var feed = NewFeed();
        var page = new Recorder();
        using var subscription = feed.Subscribe(page);
        var other = Guid.NewGuid();

        feed.Receive(new LiveEnvelope(feed.Source, 1, new CasePageChanged("propio")));
        feed.Receive(new LiveEnvelope(other, 1, new CasePageChanged("MS-1")));
        feed.Receive(new LiveEnvelope(other, 2, new CasePageChanged("MS-2")));
        feed.Receive(new LiveEnvelope(other, 4, new CasePageChanged("MS-4")));
        feed.Receive(new LiveEnvelope(other, 5, new CasePageChanged("MS-5")));

        page.Messages.Should().Equal(new CasePageChanged("MS-1"), new CasePageChanged("MS-2"), new CasePageChanged("MS-5"));
        page.Resyncs.Should().Be(1);
    }

    [Fact]
    public void A_source_first_heard_mid_sequence_makes_a_resync()
    {
        var feed = NewFeed();
        var page = new Recorder();
        using var subscription = feed.Subscribe(page);

        feed.Receive(new LiveEnvelope(Guid.NewGuid(), 42, new CasePageChanged("MS-42")));

        page.Resyncs.Should().Be(1);
        page.Messages.Should().BeEmpty();
    }

    [Fact]
    public void An_envelope_round_trips_through_JSON_with_its_message_type()
    {
        var notice = new NoticeAdded(Guid.NewGuid(), Guid.NewGuid(), MessageKind.SlaAtRisk, "MS-2026-000001", "Aviso", DateTimeOffset.UnixEpoch);
        var envelope = new LiveEnvelope(Guid.NewGuid(), 7, notice);

        var back = JsonSerializer.Deserialize<LiveEnvelope>(JsonSerializer.SerializeToUtf8Bytes(envelope, LiveFeedJson.Options), LiveFeedJson.Options)!;

        back.Source.Should().Be(envelope.Source);
        back.Sequence.Should().Be(7);
        back.Message.Should().Be(notice);
    }

    [Fact]
    public async Task A_card_with_its_clocks_and_legal_term_round_trips_through_JSON()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.LoadAsync((await host.FileAsync()).Number);
        var calendar = host.Get<Core.Calendar.IBusinessCalendarProvider>().Current;
        var card = Core.Board.BoardCards.Of(filed, "Ana Ruiz", "Red", "Técnico", calendar, filed.ReceivedAt)! with
        {
            Legal = new Core.Sla.LegalTermFacts(Core.Sla.PqrsModality.Peticion, filed.ReceivedAt, 15, 15, filed.ReceivedAt.AddDays(21), null, null),
        };
        var change = LiveCasePublisher.ForBoards(filed.Number, Core.Board.BoardChangeKind.Registered, null, card);
        var envelope = new LiveEnvelope(Guid.NewGuid(), 3, change);

        var back = (CardChanged)JsonSerializer.Deserialize<LiveEnvelope>(JsonSerializer.SerializeToUtf8Bytes(envelope, LiveFeedJson.Options), LiveFeedJson.Options)!.Message;

        back.Should().BeEquivalentTo(change, "another instance's board applies exactly the card this one computed");
        back.After.Should().Be(card);
    }

    private sealed class Recorder : ILiveSubscriber
    {
        public List<LiveMessage> Messages { get; } = [];

        public int Resyncs { get; private set; }

        public void OnMessage(LiveMessage message) => Messages.Add(message);

        public void OnResync() => Resyncs++;
    }

    private sealed class Throwing : ILiveSubscriber
    {
        public void OnMessage(LiveMessage message) => throw new InvalidOperationException("roto");

        public void OnResync() => throw new InvalidOperationException("roto");
    }
}

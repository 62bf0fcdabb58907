using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using MesaServicio.Core.Board;
using MesaServicio.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Live;

/// <summary>Something the open pages may need to show, published once a change is committed (decision 0020).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(CardChanged), "card")]
[JsonDerivedType(typeof(CasePageChanged), "case")]
[JsonDerivedType(typeof(NoticeAdded), "notice")]
public abstract record LiveMessage;

/// <summary>
/// A case changed how it shows on the board: its card before and after the commit (<c>null</c> when it was not on the
/// board, or is no longer: closed), the most telling kind of change, and the delivery groups that may hear of it
/// (<see cref="BoardAudience.ForCase"/>). The receiving board decides from these alone, without reading the database.
/// </summary>
public sealed record CardChanged(string Number, BoardChangeKind Kind, BoardCard? Before, BoardCard? After, IReadOnlyList<string> Audience)
    : LiveMessage
{
    /// <summary>The case's assignee after the change.</summary>
    public Guid? AssigneeId => After?.AssigneeId;

    /// <summary>Whether the change gives the case to <paramref name="personId"/> (they are told).</summary>
    public bool GivesTo(Guid? personId) =>
        personId is not null && AssigneeId == personId && Kind is BoardChangeKind.Assigned or BoardChangeKind.Escalated
        && Before?.AssigneeId != personId;
}

/// <summary>Something on a case's page changed (state, conversation, files, history): its open pages read it again.</summary>
public sealed record CasePageChanged(string Number) : LiveMessage;

/// <summary>A portal notice was written for a person (its text names only the case number).</summary>
public sealed record NoticeAdded(Guid Id, Guid PersonId, MessageKind Kind, string? CaseNumber, string Text, DateTimeOffset CreatedAt) : LiveMessage
{
    public static NoticeAdded From(PortalNotification notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new NoticeAdded(notice.Id, notice.PersonId, notice.Kind, notice.CaseNumber, notice.Text, notice.CreatedAt);
    }
}

/// <summary>A message as it travels between instances: which instance published it, and its place in that instance's sequence.</summary>
public sealed record LiveEnvelope(Guid Source, long Sequence, LiveMessage Message);

/// <summary>
/// An open page listening to the feed. Both methods are called on the publisher's thread and must return at once:
/// a page checks whether the message concerns it and hands the work to its own dispatcher.
/// </summary>
public interface ILiveSubscriber
{
    void OnMessage(LiveMessage message);

    /// <summary>Messages may have been missed (a gap in another instance's sequence, a lost connection): read once.</summary>
    void OnResync();
}

/// <summary>Carries the feed to the other instances (Redis when configured); none with one instance.</summary>
public interface ILiveFeedTransport
{
    void Send(LiveEnvelope envelope);
}

/// <summary>
/// The one live feed of this instance (decision 0020): committed changes are published here, in order, with what
/// the open pages need, and every subscribed page (board, case page, notice bell) gets them on the server, in its
/// circuit: no browser round trip, no database read on the receiving side. With a transport, what is published here
/// goes to the other instances, and what they publish arrives through <see cref="Receive"/>; a gap in a source's
/// sequence, a source never heard before (another instance started or restarted) or a lost transport connection
/// makes every subscriber read once.
/// </summary>
public sealed partial class LiveFeed(ILogger<LiveFeed> logger, ILiveFeedTransport? transport = null)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Guid, long> _lastSeen = new();
    private ILiveSubscriber[] _subscribers = [];
    private long _sequence;

    /// <summary>This instance's name in the envelopes it sends.</summary>
    public Guid Source { get; } = Guid.NewGuid();

    /// <summary>How many pages listen now.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>Starts delivering to <paramref name="subscriber"/>; disposing the result stops it.</summary>
    public IDisposable Subscribe(ILiveSubscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscriber];
        }

        return new Subscription(this, subscriber);
    }

    /// <summary>Publishes a committed change: to this instance's subscribers now, and to the other instances.</summary>
    public void Publish(LiveMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        LiveEnvelope envelope;
        lock (_gate)
        {
            // In sequence order on the transport too: the other instances detect a gap from it.
            envelope = new LiveEnvelope(Source, ++_sequence, message);
            Deliver(message);
            Send(envelope);
        }
    }

    /// <summary>An envelope from the transport: another instance's messages are delivered here; this one's are ignored.</summary>
    public void Receive(LiveEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Source == Source)
        {
            return;
        }

        var previous = _lastSeen.GetValueOrDefault(envelope.Source);
        _lastSeen[envelope.Source] = envelope.Sequence;
        if (previous == 0 ? envelope.Sequence != 1 : envelope.Sequence != previous + 1)
        {
            // Missed messages (or a source first heard after it started): every page reads once, then goes on from here.
            Gap(logger, envelope.Source, previous, envelope.Sequence);
            Resync();
            return;
        }

        Deliver(envelope.Message);
    }

    /// <summary>Tells every subscriber to read once (a lost transport connection, a gap).</summary>
    public void Resync()
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber.OnResync();
            }
#pragma warning disable CA1031 // One page's failure must not stop the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SubscriberFailed(logger, ex);
            }
        }
    }

    private void Deliver(LiveMessage message)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber.OnMessage(message);
            }
#pragma warning disable CA1031 // One page's failure must not stop the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SubscriberFailed(logger, ex);
            }
        }
    }

    private void Send(LiveEnvelope envelope)
    {
        if (transport is null)
        {
            return;
        }

        try
        {
            transport.Send(envelope);
        }
#pragma warning disable CA1031 // The change is committed; the other instances read once when they notice the gap.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SendFailed(logger, envelope.Sequence, ex);
        }
    }

    private void Unsubscribe(ILiveSubscriber subscriber)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscribers, subscriber);
            if (index >= 0)
            {
                _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live page failed to take a message")]
    private static partial void SubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live message {Sequence} could not be sent to the other instances")]
    private static partial void SendFailed(ILogger logger, long sequence, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed of {Source}: after {Previous} came {Sequence}; open pages read once")]
    private static partial void Gap(ILogger logger, Guid source, long previous, long sequence);

    private sealed class Subscription(LiveFeed feed, ILiveSubscriber subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unsubscribe(subscriber);
            }
        }
    }
}

using System.Text.Json;
using MesaServicio.Core.Live;
using StackExchange.Redis;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// Carries this instance's live feed to the others on one Redis channel (<c>{prefix}:live</c>, the multiplexer adds the
/// prefix), as JSON (decision 0020). Fire and forget: a lost message shows as a gap in the sequence at the receivers,
/// which then read once.
/// </summary>
public sealed class RedisLiveFeedTransport(IConnectionMultiplexer redis) : ILiveFeedTransport
{
    /// <summary>The feed's channel (under the configured prefix).</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("live");

    public void Send(LiveEnvelope envelope) =>
        redis.GetSubscriber().Publish(Channel, JsonSerializer.SerializeToUtf8Bytes(envelope, LiveFeedJson.Options), CommandFlags.FireAndForget);
}

/// <summary>The JSON of the feed's envelopes between instances.</summary>
public static class LiveFeedJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// Hears the other instances' envelopes and hands them to <see cref="LiveFeed.Receive"/> one at a time, in the order Redis
/// delivered them; when the connection comes back, every open page reads once (<see cref="LiveFeed.Resync"/>).
/// Separate from the transport so that the transport needs no <see cref="LiveFeed"/> (which needs the transport).
/// </summary>
public sealed partial class RedisLiveFeedReceiver(IConnectionMultiplexer redis, LiveFeed feed, ILogger<RedisLiveFeedReceiver> logger)
    : IHostedService
{
    private ChannelMessageQueue? _queue;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The portal starts while Redis is down (as the backplane and the key ring allow): it subscribes when Redis answers.
        redis.ConnectionRestored += OnRestored;
        _ = TrySubscribeAsync();
        return Task.CompletedTask;
    }

    private async Task TrySubscribeAsync()
    {
        if (Volatile.Read(ref _queue) is not null)
        {
            return;
        }

        ChannelMessageQueue queue;
        try
        {
            queue = await redis.GetSubscriber().SubscribeAsync(RedisLiveFeedTransport.Channel);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            NotSubscribed(logger, ex);
            return;
        }

        if (Interlocked.CompareExchange(ref _queue, queue, null) is not null)
        {
            await queue.UnsubscribeAsync();
            return;
        }

        queue.OnMessage(message =>
        {
            try
            {
                if (JsonSerializer.Deserialize<LiveEnvelope>((byte[])message.Message!, LiveFeedJson.Options) is { } envelope)
                {
                    feed.Receive(envelope);
                }
            }
            catch (JsonException ex)
            {
                // Another release's message, or garbage: the pages read once rather than miss it.
                Unreadable(logger, ex);
                feed.Resync();
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnRestored;
        if (Interlocked.Exchange(ref _queue, null) is { } queue)
        {
            try
            {
                await queue.UnsubscribeAsync();
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or ObjectDisposedException)
            {
                // Redis is gone: nothing more will arrive.
            }
        }
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // Messages published while the connection was down were lost; and if Redis was down at start, subscribe now.
            _ = TrySubscribeAsync();
            feed.Resync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer: the live feed of the other instances is heard once it does")]
    private static partial void NotSubscribed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live message from another instance could not be read; open pages read once")]
    private static partial void Unreadable(ILogger logger, Exception exception);
}

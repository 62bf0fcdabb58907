using MesaServicio.Core.Notifications;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Notifications;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MesaServicio.Tests.TimedWork;

/// <summary>What the timed work does when the host stops (SIGTERM): finish the transaction at hand, hand back, give back.</summary>
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stopping_while_a_message_is_being_sent_hands_it_back_unsent_and_gives_back_every_lease()
    {
        var transport = new HangingTransport();
        var leases = new RecordingLease();
        await using var host = await CoreHost.StartAsync(configure: s => s
            .AddMesaServicioTimedWork(new ConfigurationBuilder().Build())
            .AddSingleton<IEmailTransport>(transport)
            .AddSingleton<ITimedWorkLease>(leases));
        var id = await MailTest.QueueAlertAsync(host, "sla:apagado", "ana.rojas@entidad.gov.co");
        var service = host.Get<IEnumerable<IHostedService>>().OfType<TimedWorkService>().Single();
        var queued = await Message(host, id);
        queued.TextBody.Should().NotBeNullOrWhiteSpace();

        await service.StartAsync(default);
        await transport.Sending.Task.WaitAsync(Patience);
        (await Message(host, id)).LeasedBy.Should().Be(host.Get<TimedWorkInstance>().Id, "the dispatcher claimed it before sending");
        leases.Held.Should().Contain(TimedWorkRunner.LeaseName(host.Get<OutboxDispatcher>()));

        using var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await service.StopAsync(shutdownTimeout.Token);

        shutdownTimeout.IsCancellationRequested.Should().BeFalse("the hand-back takes far less than the shutdown timeout");
        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue("a stop is not a failure");
        var message = await Message(host, id);
        message.SentAt.Should().BeNull();
        message.LeasedBy.Should().BeNull("another instance may send it at once, without waiting for the lease to run out");
        message.LeaseUntil.Should().BeNull();
        message.Attempts.Should().Be(0, "an interrupted send is not a failed attempt");
        message.LastError.Should().BeNull();
        (message.ToAddress, message.Subject, message.TextBody, message.HtmlBody).Should().Be((queued.ToAddress, queued.Subject, queued.TextBody, queued.HtmlBody), "the message is handed back as it was queued");
        leases.Held.Should().BeEmpty("every lease is given back");
    }

    [Fact]
    public async Task A_piece_that_does_not_stop_holds_the_stop_no_longer_than_the_shutdown_timeout()
    {
        var stubborn = new HeldPiece();
        using var runner = new TimedWorkRunner([stubborn], NullLogger<TimedWorkRunner>.Instance);
        using var service = new TimedWorkService(runner, Options.Create(new TimedWorkOptions()), TimeProvider.System, NullLogger<TimedWorkService>.Instance);
        await service.StartAsync(default);
        await stubborn.Entered.Task.WaitAsync(Patience);

        using var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await service.StopAsync(shutdownTimeout.Token).WaitAsync(Patience);

        service.ExecuteTask!.IsCompleted.Should().BeFalse("the host moved on when its timeout ran out");
        stubborn.Release.SetResult();
        await service.ExecuteTask.WaitAsync(Patience);
    }

    private static async Task<OutboxMessage> Message(CoreHost host, Guid id) => (await MailTest.OutboxAsync(host)).Single(m => m.Id == id);

    /// <summary>A mail server that accepts the connection and never finishes the send.</summary>
    private sealed class HangingTransport : IEmailTransport
    {
        public TaskCompletionSource Sending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Sending.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}

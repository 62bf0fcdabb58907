using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;

namespace MesaServicio.Core.Live;

/// <summary>
/// Publishes committed case changes on the <see cref="LiveFeed"/>: for each case, its open pages are told
/// (<see cref="CasePageChanged"/>), and when its card changed, the boards get the card before and after with its
/// audience (<see cref="CardChanged"/>), computed once here from what the commit carried (<see cref="CaseProjected"/>).
/// </summary>
public sealed class LiveCasePublisher(LiveFeed feed) : ICaseEventHandler
{
    public Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var perCase in events.GroupBy(e => e.CaseId))
        {
            var number = perCase.First().Number;
            if (perCase.OfType<CaseProjected>().LastOrDefault() is { } projected && Changed(projected.Before, projected.After))
            {
                feed.Publish(ForBoards(number, KindOf(perCase), projected.Before, projected.After));
            }

            feed.Publish(new CasePageChanged(number));
        }

        return Task.CompletedTask;
    }

    /// <summary>The board's message for one case's change.</summary>
    public static CardChanged ForBoards(string number, BoardChangeKind kind, BoardCard? before, BoardCard? after)
    {
        var audience = new List<string>();
        if (before is not null)
        {
            audience.AddRange(BoardAudience.ForCase(before.AssigneeId, [], before.GroupId, before.CategoryId));
        }

        if (after is not null)
        {
            audience.AddRange(BoardAudience.ForCase(after.AssigneeId, [], after.GroupId, after.CategoryId));
        }

        return new CardChanged(number, kind, before, after, [.. audience.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The most telling kind among one case's events; <see cref="BoardChangeKind.Updated"/> when none moves a card.</summary>
    public static BoardChangeKind KindOf(IEnumerable<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Select(e => e switch
        {
            CaseEscalated => BoardChangeKind.Escalated,
            CaseAssigned => BoardChangeKind.Assigned,
            CaseStatusChanged => BoardChangeKind.StatusChanged,
            CaseRegistered => BoardChangeKind.Registered,
            _ => BoardChangeKind.Updated,
        }).DefaultIfEmpty(BoardChangeKind.Updated).Max();
    }

    /// <summary>Whether the card is different (every change of the case raises its version).</summary>
    private static bool Changed(BoardCard? before, BoardCard? after) =>
        (before, after) switch
        {
            (null, null) => false,
            ({ } b, { } a) => b.Version != a.Version,
            _ => true,
        };
}

/// <summary>Pushes portal notices live on the <see cref="LiveFeed"/> once committed (the inbox stays the truth).</summary>
public sealed class LivePortalNotifier(LiveFeed feed) : IPortalNotifier
{
    public Task PushAsync(IReadOnlyList<PortalNotification> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            feed.Publish(NoticeAdded.From(notice));
        }

        return Task.CompletedTask;
    }
}

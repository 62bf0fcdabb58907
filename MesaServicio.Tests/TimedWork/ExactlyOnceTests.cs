using MesaServicio.Core.Cases;
using MesaServicio.Core.Surveys;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Tests.TimedWork;

/// <summary>The sweeps' "do this step once" transaction, raced by two claimers on the test's engine (SQLite or PostgreSQL).</summary>
public class ExactlyOnceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 20, 15, 0, 0, TimeSpan.FromHours(-5));

    [Fact]
    public async Task Two_claimers_inserting_the_same_unique_record_at_once_run_the_step_once()
    {
        await using var host = await CoreHost.StartAsync(Start);
        var filed = await host.FileAsync();
        var now = host.Time.GetUtcNow();

        Task<StepOutcome> Claimer() => Task.Run(async () =>
        {
            await using var db = host.NewContext();
            return await ExactlyOnce.RunAsync(db, async ct =>
            {
                db.SurveyInvitations.Add(new SurveyInvitation(filed.CaseId, 1, now, now.AddDays(3), SurveyTokens.Hash(SurveyTokens.NewToken())));

                // As the sweeps do: the case's row alone, tracked; both claimers hold it, neither changes it.
                (await db.Cases.SingleAsync(c => c.Id == filed.CaseId, ct)).SurveyInvited(1, host.SystemContext());
                return StepOutcome.Done;
            },
            recordedElsewhere: async () =>
            {
                await using var check = host.NewContext();
                return await check.SurveyInvitations.AnyAsync(i => i.CaseId == filed.CaseId && i.Round == 1);
            },
            CancellationToken.None);
        });

        var outcomes = await Task.WhenAll(Claimer(), Claimer());

        outcomes.Should().BeEquivalentTo([StepOutcome.Done, StepOutcome.DoneElsewhere]);
        await using var read = host.NewContext();
        (await read.SurveyInvitations.CountAsync(i => i.CaseId == filed.CaseId)).Should().Be(1);
        (await read.CaseHistory.CountAsync(h => h.CaseId == filed.CaseId && h.Action == CaseAction.SurveyInvited))
            .Should().Be(1, "the loser's step was rolled back with its record");
    }

    [Fact]
    public async Task Two_claimers_taking_the_same_claim_by_conditional_update_at_once_run_the_step_once()
    {
        await using var host = await CoreHost.StartAsync(Start);
        var filed = await host.FileAsync();
        var now = host.Time.GetUtcNow();
        await using (var seed = host.NewContext())
        {
            seed.SurveyInvitations.Add(new SurveyInvitation(filed.CaseId, 1, now, now.AddDays(3), SurveyTokens.Hash(SurveyTokens.NewToken())));
            await seed.SaveChangesAsync();
        }

        Task<StepOutcome> Claimer() => Task.Run(async () =>
        {
            await using var db = host.NewContext();
            return await ExactlyOnce.ClaimAsync(
                db,
                claim: ct => db.SurveyInvitations.Where(i => i.CaseId == filed.CaseId && i.Round == 1 && i.RemindedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.RemindedAt, now), ct),
                step: async ct =>
                {
                    (await db.Cases.SingleAsync(c => c.Id == filed.CaseId, ct)).SurveyReminded(1, host.SystemContext());
                    return StepOutcome.Done;
                },
                CancellationToken.None);
        });

        var outcomes = await Task.WhenAll(Claimer(), Claimer());

        outcomes.Should().BeEquivalentTo([StepOutcome.Done, StepOutcome.DoneElsewhere]);
        await using var read = host.NewContext();
        (await read.CaseHistory.CountAsync(h => h.CaseId == filed.CaseId && h.Action == CaseAction.SurveyReminded)).Should().Be(1);
    }

    [Fact]
    public async Task A_step_that_finds_nothing_to_do_gives_its_claim_back()
    {
        await using var host = await CoreHost.StartAsync(Start);
        var filed = await host.FileAsync();
        var now = host.Time.GetUtcNow();
        await using (var seed = host.NewContext())
        {
            seed.SurveyInvitations.Add(new SurveyInvitation(filed.CaseId, 1, now, now.AddDays(3), SurveyTokens.Hash(SurveyTokens.NewToken())));
            await seed.SaveChangesAsync();
        }

        await using var db = host.NewContext();
        var outcome = await ExactlyOnce.ClaimAsync(
            db,
            claim: ct => db.SurveyInvitations.Where(i => i.CaseId == filed.CaseId && i.RemindedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RemindedAt, now), ct),
            step: _ => Task.FromResult(StepOutcome.NothingToDo),
            CancellationToken.None);

        outcome.Should().Be(StepOutcome.NothingToDo);
        await using var read = host.NewContext();
        (await read.SurveyInvitations.SingleAsync(i => i.CaseId == filed.CaseId)).RemindedAt.Should().BeNull();
    }
}

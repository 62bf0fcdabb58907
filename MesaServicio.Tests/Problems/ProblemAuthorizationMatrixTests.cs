using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Problems;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Problems;

/// <summary>Every cell of the problems' table in docs/authorization.md, run against the real use cases: the table is the test's data.</summary>
public sealed class ProblemAuthorizationMatrixTests : IClassFixture<ProblemAuthorizationMatrixTests.Fixture>
{
    private static readonly Dictionary<string, CurrentUser> Actors = new(StringComparer.Ordinal)
    {
        ["anonymous"] = CurrentUser.Anonymous,
        ["requester"] = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None),
        ["agent of the problem's category"] = CurrentUser.Person(DemoPeople.Agent2, PersonRoles.Agent),
        ["agent of other categories"] = CurrentUser.Person(DemoPeople.Agent4, PersonRoles.Agent),
        ["technical lead of another category"] = CurrentUser.Person(DemoPeople.LeadMisional, PersonRoles.Agent | PersonRoles.TechnicalLead),
        ["coordinator"] = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator),
        ["Jefe OTIC"] = CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe),
        ["PQRS integration"] = CurrentUser.Integration,
    };

    private readonly Fixture _fixture;

    public ProblemAuthorizationMatrixTests(Fixture fixture) => _fixture = fixture;

    public static TheoryData<string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string>();
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("docs/authorization.md"))
            .SkipWhile(l => !l.StartsWith("| problem actor ", StringComparison.Ordinal))
            .TakeWhile(l => l.StartsWith('|'))
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        var header = Split(lines[0]);
        foreach (var row in lines.Skip(1))
        {
            var values = Split(row);
            for (var i = 1; i < header.Length; i++)
            {
                data.Add(values[0], header[i], values[i]);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_names_every_actor_and_operation()
    {
        var cells = Cells().Select(c => ((string)c[0], (string)c[1])).ToList();
        cells.Select(c => c.Item1).Distinct().Should().BeEquivalentTo(Actors.Keys);
        cells.Select(c => c.Item2).Distinct().Should().BeEquivalentTo(["open", "read", "comment", "manage"]);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_cell_is_what_the_use_case_does(string actor, string operation, string expected)
    {
        var user = Actors[actor];
        var number = await _fixture.ProblemAsync();
        var category = await _fixture.Host.CategoryAsync("Correo electrónico institucional");
        Func<Task> act = operation switch
        {
            "open" => () => _fixture.Host.Get<CreateProblem>().HandleAsync(
                new CreateProblemCommand("Falla de prueba", null, category, Impact.Low, Urgency.Low, DemoPeople.LeadFirstLevel, []), user, default),
            "read" => () => _fixture.Host.Get<GetProblem>().HandleAsync(number, user, default),
            "comment" => () => _fixture.Host.Get<CommentOnProblem>().HandleAsync(new CommentOnProblemCommand(number, null, "Un dato más."), user, default),
            "manage" => () => _fixture.Host.Get<RecordProblemFinding>().HandleAsync(
                new RecordProblemFindingCommand(number, null, ProblemFinding.RootCause, "Causa " + Guid.NewGuid().ToString("N")), user, default),
            _ => throw new InvalidOperationException($"Unknown operation «{operation}»."),
        };

        switch (expected)
        {
            case "sí":
                await act.Should().NotThrowAsync();
                break;
            case "no":
                await act.Should().ThrowAsync<ForbiddenException>();
                break;
            case "no existe":
                await act.Should().ThrowAsync<NotFoundException>();
                break;
            default:
                throw new InvalidOperationException($"Unknown expectation «{expected}».");
        }
    }

    private static string[] Split(string line) => line.Trim().Trim('|').Split('|').Select(v => v.Trim()).ToArray();

    public sealed class Fixture : IAsyncLifetime
    {
        private string? _number;

        public CoreHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await CoreHost.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();

        /// <summary>One problem of «Correo electrónico institucional», registered by the coordinator, for every cell.</summary>
        public async Task<string> ProblemAsync() => _number ??= await Host.Get<CreateProblem>().HandleAsync(
            new CreateProblemCommand("Outlook pide la contraseña", null, await Host.CategoryAsync("Correo electrónico institucional"), Impact.High,
                Urgency.High, DemoPeople.LeadFirstLevel, []),
            CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator), default);
    }
}

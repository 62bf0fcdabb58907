using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Benchmarks;

/// <summary>
/// The knowledge base (server side): <c>SearchArticles</c> over <see cref="Articles"/> articles, and the new-case
/// suggestions as the form asks them while a subject is typed (<c>FindSimilarCases</c> for the requester plus
/// <c>SuggestArticles</c>) on the case list's database of <see cref="CaseListFixture.Cases"/> cases. A short job (the
/// machine is shared); for a per-call p99 use the <c>knowledge</c> console mode (<see cref="RunLoopAsync"/>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(ShortJob))]
public class KnowledgeBenchmarks
{
    public static int Articles => BenchScale.Of(10_000);

    private static readonly string[] Topics =
    [
        "impresora", "escáner", "correo institucional", "contraseña", "VPN", "wifi", "red cableada", "Teams", "Excel", "Word",
        "SIGEP", "ORFEO", "nómina", "certificado digital", "firma electrónica", "disco compartido", "antivirus", "portátil",
        "monitor", "teléfono IP", "cámara", "micrófono", "OneDrive", "SharePoint", "navegador", "licencia", "actualización",
    ];

    private static readonly string[] Problems =
    [
        "no enciende", "no imprime", "pide la contraseña", "está bloqueado", "no conecta", "se cierra solo", "va muy lento",
        "muestra un error", "no sincroniza", "no aparece", "quedó sin espacio", "expiró", "no reconoce el usuario",
    ];

    private CaseListFixture _fixture = default!;
    private SearchArticles _search = default!;
    private SuggestArticles _suggest = default!;
    private FindSimilarCases _similar = default!;

    /// <summary>1 launch, 3 warm-ups, 10 iterations; none in a smoke run (<see cref="BenchScale"/>), which brings its own Dry job.</summary>
    private sealed class ShortJob : ManualConfig
    {
        public ShortJob()
        {
            if (!BenchScale.Smoke)
            {
                AddJob(Job.Default.WithStrategy(RunStrategy.Throughput).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        (_fixture, _search, _suggest, _similar) = StartAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<int> SearchOneWord() => Search(_search, "impresoras");

    [Benchmark]
    public Task<int> SearchTwoWordsStaff() => Search(_search, "contraseña correo", staff: true);

    [Benchmark]
    public Task<int> SearchNoMatch() => Search(_search, "xilófono");

    [Benchmark]
    public Task<int> NewCaseSuggestions() => Suggestions(_similar, _suggest, "La impresora del piso 3 no imprime y muestra un error");

    /// <summary><c>knowledge [rounds]</c>: per-call latencies of the same scenarios, for a true median and p99.</summary>
    public static async Task RunLoopAsync(int rounds)
    {
        var (fixture, search, suggest, similar) = await StartAsync();
        await using var _ = fixture;
        (string Name, Func<Task<int>> Run)[] scenarios =
        [
            ("Search «impresoras» (requester, 10,000 articles)", () => Search(search, "impresoras")),
            ("Search «contraseña correo» (staff)", () => Search(search, "contraseña correo", staff: true)),
            ("Search with no match", () => Search(search, "xilófono")),
            ("SuggestArticles alone (subject of 10 words)", async () => (await suggest.HandleAsync(
                "La impresora del piso 3 no imprime y muestra un error", null, CaseListFixture.Requester, default)).Count),
            ("New-case suggestions: FindSimilarCases + SuggestArticles (100,000 cases)", () => Suggestions(similar, suggest,
                "La impresora del piso 3 no imprime y muestra un error")),
        ];
        var times = scenarios.Select(_ => new List<double>(rounds)).ToArray();
        var totals = new int[scenarios.Length];
        for (var round = -20; round < rounds; round++)
        {
            for (var i = 0; i < scenarios.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                totals[i] = await scenarios[i].Run();
                if (round >= 0)
                {
                    times[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"// {rounds} calls each; load average before: {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine("| Scenario | Results | Median | p90 | p99 | Max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < scenarios.Length; i++)
        {
            var sorted = times[i].Order().ToArray();
            Console.WriteLine(string.Create(c,
                $"| {scenarios[i].Name} | {totals[i]:N0} | {P(sorted, 50):F2} ms | {P(sorted, 90):F2} ms | {P(sorted, 99):F2} ms | {sorted[^1]:F2} ms |"));
        }
    }

    private static double P(double[] sorted, int p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];

    private static async Task<int> Search(SearchArticles search, string query, bool staff = false) =>
        (await search.HandleAsync(new ArticleSearch(query), staff ? CaseListFixture.Agent : CaseListFixture.Requester, default)).Total;

    private static async Task<int> Suggestions(FindSimilarCases similar, SuggestArticles suggest, string subject)
    {
        var cases = await similar.HandleAsync(Core.Persistence.SeedData.DemoPeople.Requester, null, subject, CaseListFixture.Requester, default);
        var articles = await suggest.HandleAsync(subject, null, CaseListFixture.Requester, default);
        return cases.Count + articles.Count;
    }

    private static async Task<(CaseListFixture, SearchArticles, SuggestArticles, FindSimilarCases)> StartAsync()
    {
        var fixture = await CaseListFixture.StartAsync();
        await SeedArticlesAsync(fixture);
        var services = fixture.Services;
        return (fixture, services.GetRequiredService<SearchArticles>(), services.GetRequiredService<SuggestArticles>(), services.GetRequiredService<FindSimilarCases>());
    }

    /// <summary>10,000 articles (four in five published, two in three public) with bodies of a few paragraphs.</summary>
    private static async Task SeedArticlesAsync(CaseListFixture fixture)
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        if (await db.Articles.CountAsync() >= Articles)
        {
            return;
        }

        var categories = await db.Categories.Where(c => c.ParentId != null).Select(c => c.Id).ToListAsync();
        var random = new Random(20261207);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var batch = 0; batch < Articles / 1000; batch++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var topic = Topics[random.Next(Topics.Length)];
                var problem = Problems[random.Next(Problems.Length)];
                var other = Topics[random.Next(Topics.Length)];
                var body = $"""
                    ## Síntoma

                    El equipo o servicio «{topic}» {problem}. También puede pasar con {other} después de una actualización.

                    ## Solución

                    1. Reinicie el equipo y vuelva a iniciar sesión con su usuario institucional.
                    2. Revise la conexión a la red y que {topic} esté actualizado.
                    3. Si el problema sigue, borre las credenciales guardadas y vuelva a intentarlo.

                    Si nada de esto funciona, registre un caso en la mesa de servicio indicando el mensaje de error.
                    """;
                var draft = new ArticleDraft($"{char.ToUpperInvariant(topic[0])}{topic[1..]} {problem} ({batch * 1000 + i})", body,
                    categories[random.Next(categories.Count)], random.Next(3) == 0 ? ArticleAudience.Internal : ArticleAudience.Public, null);
                var article = Article.Create(draft, Core.Persistence.SeedData.DemoPeople.Agent1, null, today, Core.Persistence.SeedData.DemoPeople.Agent1, now);
                if (random.Next(5) != 0)
                {
                    article.Publish(Core.Persistence.SeedData.DemoPeople.Coordinator, now);
                }

                db.Articles.Add(article);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}

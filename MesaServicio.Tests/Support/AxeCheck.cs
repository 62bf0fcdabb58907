using System.Text;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace MesaServicio.Tests.Support;

/// <summary>
/// axe-core (shipped inside Deque.AxeCore.Commons, nothing downloaded) with the WCAG 2.1 A and AA rules, the level
/// Resolución 1519 de 2020 asks of a public entity's pages: a page passes with no violation of any impact (issue 18).
/// Every violation is written out with its rule, impact, help and the elements, so it can be fixed.
/// </summary>
/// <remarks>
/// axe runs in the page itself (<c>axe.run(document)</c>, injected once per loaded document), not through
/// Deque.AxeCore.Playwright's <c>RunAxe</c>: that one finishes every run in a new blank page of its own, with axe-core
/// injected again and every partial result sent there and back, and took three to five times as long per check on the
/// 2-core CI machine. The portal's pages have no frames, which is what the blank page is for. Only the violations keep
/// every element (<c>resultTypes</c>): axe still runs every rule and lists every rule that passed or needs review, it just
/// skips computing a selector for each element of those (axe-core's own advice for speed). Decision 0038.
/// </remarks>
public static class AxeCheck
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    private static readonly string RunOptions = JsonConvert.SerializeObject(
        new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        },
        new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });

    /// <summary>axe on the page as it is, once no CSS animation runs (a toast fading in has not its final colours yet).</summary>
    public static async Task<AxeResult> RunAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running')", null, new() { Timeout = 10_000, PollingInterval = 100 });
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync("() => {" + AxeSource + "\n}");
        }

        var json = await page.EvaluateAsync<string>(
            "async options => JSON.stringify(await window.axe.run(document, JSON.parse(options)))", RunOptions);
        return new AxeResult(JObject.Parse(json));
    }

    /// <summary>Runs axe on <paramref name="page"/> (<paramref name="what"/> names it in the report): no violation of any impact.</summary>
    public static async Task<AxeResult> AssertCleanAsync(IPage page, string what, ITestOutputHelper? output = null)
    {
        var result = await RunAsync(page);
        result.Passes.Should().NotBeEmpty("axe must really have run its WCAG rules on {0}", what);
        var report = Describe(what, result);
        output?.WriteLine(report);
        result.Violations.Should().BeEmpty($"axe (WCAG 2.1 A/AA) must find no violation of any impact on {what}:\n{report}");
        return result;
    }

    public static string Describe(string what, AxeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder($"axe on {what}: {result.Violations.Length} violation(s).\n");
        foreach (var v in result.Violations)
        {
            text.AppendLine($"- {v.Id} [{v.Impact}] {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                var html = node.Html.Length > 300 ? node.Html[..300] + "…" : node.Html;
                text.AppendLine($"    at {node.Target}: {html}");
            }
        }

        text.Append($"({result.Passes.Length} rules passed; {result.Incomplete.Length} need a person to review: "
            + string.Join(", ", result.Incomplete.Select(i => i.Id)) + ")");
        return text.ToString();
    }
}

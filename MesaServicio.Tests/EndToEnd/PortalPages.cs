using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>What the browser tests do on the portal's pages, the way a person does it (labels, roles, keyboard).</summary>
internal static partial class PortalPages
{
    /// <summary>For things that arrive live (a card on a board, a toast): generous on a 2-core machine.</summary>
    public const float LiveTimeout = 10_000;

    /// <summary>For a page (and its Blazor circuit) to be ready: the first circuit can take several seconds.</summary>
    public const float PageTimeout = 30_000;

    public static string ArtifactsFolder
    {
        get
        {
            var folder = RepositoryFiles.PathOf(Path.Combine("artifacts", "e2e"));
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Signs in through /ingresar/local with one of the demo people, then lands on <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsync(PortalSession session, Guid personId, string returnUrl, bool acceptPrivacyNotice = true)
    {
        var page = session.Page;
        await page.GotoAsync("/ingresar/local?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var button = page.Locator($"form:has(input[name='personId'][value='{personId:D}']) button[type='submit']");
        await Expect(button).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        await button.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl.Split('?')[0], new() { Timeout = PageTimeout });
        if (acceptPrivacyNotice)
        {
            await AcceptPrivacyNoticeIfAskedAsync(page);
        }

        await WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// The first page a person sees is the privacy notice until they accept it (once per version, Ley 1581): accepts it
    /// as they would, and comes back to the same page. The notice is in the prerendered HTML, so nothing is waited for.
    /// </summary>
    public static async Task AcceptPrivacyNoticeIfAskedAsync(IPage page)
    {
        var accept = page.GetByTestId("aceptar-aviso");
        if (await accept.CountAsync() == 0)
        {
            return;
        }

        await accept.ClickAsync();
        await Expect(accept).ToHaveCountAsync(0, new() { Timeout = PageTimeout });
    }

    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// Waits until the page's Blazor circuit is running: before that, buttons of the prerendered page do nothing.
    /// After its first interactive render the router's FocusOnNavigate focuses the page's h1 (it gives it
    /// tabindex=-1 to do so), which only happens in the browser once the circuit is up.
    /// </summary>
    public static async Task WaitForInteractiveAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "() => !!window.Blazor && document.activeElement && document.activeElement.tagName === 'H1'",
                null,
                new() { Timeout = PageTimeout, PollingInterval = 100 });
        }
        catch (TimeoutException ex)
        {
            // Say what the page looked like: a circuit that never started and a focus taken by something else differ.
            var state = await page.EvaluateAsync<string>(
                "() => `url=${location.pathname}; blazor=${!!window.Blazor}; active=${document.activeElement ? document.activeElement.tagName : 'none'}; "
                + "h1=${(document.querySelector('h1') || {}).textContent}; reconnect=${!!document.querySelector('#components-reconnect-modal[open]')}`");
            var shot = "no-interactivo-" + DateTime.UtcNow.ToString("HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            await ScreenshotAsync(page, shot);
            throw new TimeoutException($"The page never became interactive within {PageTimeout / 1000} s ({state}); screenshot artifacts/e2e/{shot}.png", ex);
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, name + ".png"), FullPage = true });

    /// <summary>A small valid PDF (one blank page with a line of text), written to a temporary file.</summary>
    public static string WriteSamplePdf(string fileName)
    {
        var folder = Directory.CreateTempSubdirectory("mesa-e2e-pdf-");
        var path = Path.Combine(folder.FullName, fileName);
        File.WriteAllBytes(path, SamplePdf());
        return path;
    }

    private static byte[] SamplePdf()
    {
        const string content = "BT /F1 12 Tf 72 720 Td (Captura del error de la impresora) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>What the requester types in the new-case form.</summary>
    public sealed record NewCaseInput(string Subject, string Description, string CategorySearch, string Category, string? AttachmentPath = null);

    /// <summary>
    /// Fills and sends /casos/nuevo (the page must be open and interactive); returns the new case's number once its page shows.
    /// <paramref name="beforeSubmit"/> runs with the filled form (e.g. a screenshot).
    /// </summary>
    public static async Task<string> FileCaseAsync(IPage page, NewCaseInput input, Func<Task>? beforeSubmit = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Incidencia", Exact = false }).CheckAsync();

        await page.GetByLabel("Categoría: busque o elija en el árbol").FillAsync(input.CategorySearch);
        var category = page.GetByRole(AriaRole.Treeitem, new() { Name = input.Category, Exact = true });
        await category.ClickAsync();
        await Expect(category).ToHaveAttributeAsync("aria-selected", "true");

        await page.GetByLabel("Asunto").FillAsync(input.Subject);
        await page.GetByLabel("Descripción").FillAsync(input.Description);

        await ChooseAsync(page, "¿A cuántas personas afecta?", "A mi grupo de trabajo o dependencia");
        await ChooseAsync(page, "¿Qué tan pronto le afecta?", "No puedo trabajar o un trámite está detenido");
        await Expect(page.GetByTestId("prioridad")).ToContainTextAsync("Prioridad resultante");

        if (input.AttachmentPath is { } file)
        {
            await page.Locator("input[type='file']").SetInputFilesAsync(file);
            await Expect(page.Locator("[aria-label='Archivos para adjuntar']")).ToContainTextAsync(Path.GetFileName(file));
        }

        if (beforeSubmit is not null)
        {
            await beforeSubmit();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Registrar caso" }).ClickAsync();
        await page.WaitForURLAsync(CasePageUrl(), new() { Timeout = PageTimeout });
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync(CaseHeading(), new() { Timeout = PageTimeout });
        var number = CaseHeading().Match(await heading.InnerTextAsync()).Groups["numero"].Value;
        await WaitForInteractiveAsync(page);
        return number;
    }

    /// <summary>Picks an option of a MudSelect by its label and the option's text.</summary>
    public static async Task ChooseAsync(IPage page, string label, string option, ILocator? scope = null)
    {
        var root = scope ?? page.Locator("body");
        var select = root.GetByLabel(label, new() { Exact = true });
        await select.ClickAsync();
        var item = page.Locator(".mud-popover-open").GetByText(option, new() { Exact = false });
        await item.First.ClickAsync();
        await Expect(select).ToContainTextAsync(option);
    }

    /// <summary>The value shown beside a term of the case page's facts (Responsable, Nivel...).</summary>
    public static ILocator Fact(IPage page, string term) =>
        page.Locator("dl.case-facts dt", new() { HasTextRegex = new Regex("^" + Regex.Escape(term) + "$") }).Locator("xpath=following-sibling::dd[1]");

    public static ILocator Card(IPage page, string number) => page.Locator($"article.board-card[data-numero='{number}']");

    public static ILocator CardIn(IPage page, string column, string number) => page.Locator(CardCss(column, number));

    /// <summary>The CSS selector of case <paramref name="number"/>'s card in a board column (<c>data-columna</c>).</summary>
    public static string CardCss(string column, string number) =>
        $"section.board-column[data-columna='{column}'] article.board-card[data-numero='{number}']";

    /// <summary>
    /// Moves a board card with its "Mover a…" button using the keyboard only: focus the button, Enter opens the moves
    /// dialog (focus lands on the first move), Tab walks to the move, Enter runs it. <paramref name="move"/> is the
    /// option's <c>data-mover</c> (a <c>BoardMove</c> name).
    /// </summary>
    public static async Task MoveByKeyboardAsync(IPage page, string number, string move)
    {
        const string focusedMove = "() => document.activeElement?.getAttribute('data-mover') ?? null";
        var button = Card(page, number).GetByRole(AriaRole.Button, new() { Name = $"Mover a… (caso {number})" });
        var moves = page.GetByRole(AriaRole.Dialog, new() { Name = $"Mover el caso {number}" }).Locator($"[data-mover='{move}']");
        for (var attempt = 1; ; attempt++)
        {
            await button.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            try
            {
                await Expect(moves).ToBeVisibleAsync(new() { Timeout = 4_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // Right after a move the card can be drawn anew (its own change coming back through the feed) between
                // the focus and the key: the key then went nowhere. Only then, focus the new button and press again.
                if (await button.EvaluateAsync<bool>("b => b === document.activeElement"))
                {
                    throw;
                }
            }
        }

        await page.WaitForFunctionAsync($"() => ({focusedMove})() !== null");
        for (var steps = 0; ; steps++)
        {
            var current = await page.EvaluateAsync<string?>(focusedMove);
            if (current == move)
            {
                break;
            }

            steps.Should().BeLessThan(10, $"Tab should reach «{move}» in the moves of case {number} (focus is on «{current}»)");
            await page.Keyboard.PressAsync("Tab");
            await page.WaitForFunctionAsync($"previous => ({focusedMove})() !== previous", current);
        }

        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Opens a board (already signed in) and waits until its live connection says "En vivo".</summary>
    public static async Task OpenBoardAsync(IPage page)
    {
        if (new Uri(page.Url).AbsolutePath != "/tablero")
        {
            await GotoAsync(page, "/tablero");
        }

        await Expect(page.Locator(".board-page[data-live='conectado']")).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        await Expect(page.Locator("#tablero")).ToBeVisibleAsync(new() { Timeout = PageTimeout });
    }

    /// <summary>Leaves a mark in the page's window: still there later means the page was not reloaded meanwhile.</summary>
    public static Task MarkAsync(IPage page, string mark) => page.EvaluateAsync("m => { window.__e2eMark = m; }", mark);

    public static async Task<bool> HasMarkAsync(IPage page, string mark) =>
        await page.EvaluateAsync<string?>("() => window.__e2eMark ?? null") == mark;

    /// <summary>
    /// Starts recording, inside the page, the moment the first element matching <paramref name="css"/> is in the document
    /// (<paramref name="present"/>) or is gone from it — from a MutationObserver, so the moment is the DOM change itself
    /// and not the next poll of a Playwright wait (those poll every 500 ms after the first second). Read it with
    /// <see cref="SeenAtAsync"/>. The moment is the browser's clock (ms since the epoch): every page of the test's
    /// browser shares the machine's clock, so moments taken in two pages can be subtracted.
    /// </summary>
    public static async Task WatchAsync(IPage page, string key, string css, bool present)
    {
        var already = await page.EvaluateAsync<bool>(
            """
            ([key, css, present]) => {
              const seen = (window.__e2eSeen ??= {});
              delete seen[key];
              const matches = () => (document.querySelector(css) !== null) === present;
              if (matches()) {
                return true;
              }
              const observer = new MutationObserver(() => {
                if (matches()) {
                  seen[key] = Date.now();
                  observer.disconnect();
                }
              });
              observer.observe(document, { childList: true, subtree: true, attributes: true });
              return false;
            }
            """,
            new object[] { key, css, present });
        already.Should().BeFalse($"«{css}» should not be {(present ? "in" : "gone from")} the page before the change being timed");
    }

    /// <summary>The moment recorded by <see cref="WatchAsync"/> (browser clock, ms since the epoch); fails if it never came.</summary>
    public static async Task<DateTimeOffset> SeenAtAsync(IPage page, string key)
    {
        var at = await page.EvaluateAsync<double?>("key => window.__e2eSeen?.[key] ?? null", key);
        at.Should().NotBeNull($"the page should have recorded «{key}»");
        return DateTimeOffset.FromUnixTimeMilliseconds((long)at!.Value);
    }

    /// <summary>Runs <paramref name="wait"/> and tells how long it took.</summary>
    public static async Task<TimeSpan> TimeAsync(Func<Task> wait)
    {
        var clock = Stopwatch.StartNew();
        await wait();
        return clock.Elapsed;
    }

    /// <summary>A case's page, with or without a query (<c>?registrado=1</c> right after filing).</summary>
    [GeneratedRegex(@"/casos/MS-\d{4}-\d+(\?[^/]*)?$")]
    public static partial Regex CasePageUrl();

    [GeneratedRegex(@"^Caso (?<numero>MS-\d{4}-\d+)$")]
    public static partial Regex CaseHeading();
}

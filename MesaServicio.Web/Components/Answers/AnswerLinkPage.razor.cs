using MesaServicio.Core.Answers;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Answers;

/// <summary>
/// <c>/respuesta/{token}</c>: a requester without an account (PQRS) reads her case's public conversation and answers the
/// desk through the e-mailed link, without signing in. Rendered on the server only; the form posts back with its
/// antiforgery token. An answer on a case that waits on her resumes the work and the resolution clock, as in the portal.
/// A link that is not one answers 404; the security headers add <c>no-store</c> and <c>no-referrer</c> here.
/// </summary>
public partial class AnswerLinkPage
{
    private bool _statusSet;

    [Inject]
    private AnswerLinks Links { get; set; } = default!;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Parameter, EditorRequired]
    public required string Token { get; set; }

    /// <summary>What was posted (null on a GET); kept when the answer is refused.</summary>
    [SupplyParameterFromForm(FormName = "respuesta")]
    public string? Text { get; set; }

    internal AnswerLinkView View { get; private set; } = new(AnswerLinkState.Invalid, null, null, null, [], null);

    internal bool Sent { get; private set; }

    /// <summary>Whether the answer took the case out of "en espera del usuario".</summary>
    internal bool ResumedWork { get; private set; }

    /// <summary>How many files came with the answer.</summary>
    internal int FilesSent { get; private set; }

    internal string? Error { get; private set; }

    internal string Title => View.State switch
    {
        AnswerLinkState.Valid => "Su caso " + View.Number,
        AnswerLinkState.Expired => "El enlace ya no sirve",
        _ => "Enlace no válido",
    };

    protected override async Task OnInitializedAsync()
    {
        View = await Links.ReadAsync(Token, CancellationToken.None);
        SetStatus();
    }

    internal async Task SubmitAsync()
    {
        if (View.State != AnswerLinkState.Valid)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(Text))
        {
            Error = "Escriba su respuesta antes de enviarla.";
            return;
        }

        try
        {
            // The form is multipart: its files are read from the request itself (static rendering, no circuit). Core checks
            // each one (count, size as it streams, type by content) exactly as in the portal; a refusal names the file.
            var files = (HttpContext?.Request.HasFormContentType == true ? HttpContext.Request.Form.Files : null)?
                .Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName))
                .Select(f => new IncomingFile(f.FileName, f.ContentType, f.Length, _ => f.OpenReadStream()))
                .ToList();
            var waited = View.WaitsOnRequester;
            var status = await Links.AnswerAsync(Token, Text, files, CancellationToken.None);
            ResumedWork = waited && status != CaseStatus.WaitingOnRequester;
            FilesSent = files?.Count ?? 0;
            Sent = true;
            Error = null;
        }
        catch (DomainException ex)
        {
            // What she typed stays in the form; the reason is said in Spanish.
            Error = ex.Message;
        }

        View = await Links.ReadAsync(Token, CancellationToken.None);
    }

    /// <summary>A link that is not one answers 404, with this page (set as the response starts).</summary>
    private void SetStatus()
    {
        if (View.State == AnswerLinkState.Invalid && !_statusSet)
        {
            _statusSet = LinkPageStatus.NotFound(HttpContext);
        }
    }
}

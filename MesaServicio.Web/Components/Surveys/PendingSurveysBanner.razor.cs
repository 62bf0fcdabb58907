using MesaServicio.Core.Surveys;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Surveys;

/// <summary>The signed-in requester's pending surveys (nothing for anyone else, nothing when there are none).</summary>
public partial class PendingSurveysBanner
{
    [Inject]
    private ListPendingSurveys PendingSurveys { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    internal IReadOnlyList<PendingSurvey> Pending { get; private set; } = [];

    protected override async Task OnInitializedAsync() =>
        Pending = await PendingSurveys.HandleAsync(await Users.GetAsync(), CancellationToken.None);
}

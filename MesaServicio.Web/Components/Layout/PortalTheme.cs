using MudBlazor;

namespace MesaServicio.Web.Components.Layout;

/// <summary>The MudBlazor theme: the entity's colour, self-hosted Roboto, contrast that meets WCAG 2.1 AA.</summary>
public static class PortalTheme
{
    public static MudTheme For(EntityOptions entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = entity.PrimaryColor,
                Secondary = "#004884",
                AppbarBackground = entity.PrimaryColor,
                Background = "#F5F7FA",
                TextPrimary = "#1B1B1B",
                TextSecondary = "#4B4B4B",
                Error = "#A4000F",
                Success = "#0B6E2E",
                Warning = "#8A4B00",
                Info = "#004884",
            },
            Typography = new Typography
            {
                Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"] },
            },
        };
    }
}

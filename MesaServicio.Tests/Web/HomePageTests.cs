using System.Net;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;

namespace MesaServicio.Tests.Web;

public sealed class HomePageTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public HomePageTests(PortalFactory factory) => _factory = factory;

    [Fact]
    public async Task The_home_page_answers_in_Spanish_with_the_five_category_groups()
    {
        using var client = _factory.CreateClient();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("<html lang=\"es-CO\">");
        foreach (var group in SeedData.TopCategories)
        {
            html.Should().Contain(group);
        }

        html.Should().Contain("SIGEP II").And.Contain("Gestor Normativo");
        html.Should().NotContain("fonts.googleapis.com");
    }

    [Fact]
    public async Task The_stylesheet_is_served_by_the_app()
    {
        using var client = _factory.CreateClient();
        var response = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

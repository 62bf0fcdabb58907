using MesaServicio.Core.Attachments;
using Xunit.Abstractions;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Attachments;

/// <summary>Runs alone: it measures the whole process's allocations, so no other test may allocate meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurement
{
    public const string Name = "Allocation measurement";
}

[Collection(AllocationMeasurement.Name)]
public sealed class AttachmentStreamingTests : IClassFixture<AttachmentsCoreFixture>
{
    private const long NineMegabytes = 9L * 1024 * 1024;
    private const long Budget = 2L * 1024 * 1024;

    private readonly AttachmentsCoreFixture _fixture;
    private readonly ITestOutputHelper _output;

    public AttachmentStreamingTests(AttachmentsCoreFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task A_9_MB_upload_streams_through_without_holding_the_file_in_memory()
    {
        var (number, _) = await _fixture.FileCaseAsync();

        // Warm up: JIT, the EF model and the SQLite connection are not what is measured.
        await _fixture.Attach.HandleAsync(number, [File("calentamiento.pdf", "application/pdf", Pdf)], AttachmentsCoreFixture.Requester, default);
        var stream = new GeneratedStream(NineMegabytes);
        var file = new IncomingFile("grande.pdf", "application/pdf", NineMegabytes, _ => stream);

        // Process-wide (precise) rather than per thread: the async file writes resume on other threads.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await _fixture.Attach.HandleAsync(number, [file], AttachmentsCoreFixture.Requester, default);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        _output.WriteLine($"Allocated {allocated:N0} bytes while storing {NineMegabytes:N0} bytes.");

        allocated.Should().BeLessThan(Budget, $"a {NineMegabytes:N0}-byte file must stream, not be buffered (allocated {allocated:N0} bytes)");
        var stored = result.Files.Single();
        stored.Size.Should().Be(NineMegabytes);
        stored.Sha256.Should().Be(GeneratedStream.Sha256(NineMegabytes));
        new FileInfo(Path.Combine(_fixture.StorageRoot, stored.Id.ToString("N"))).Length.Should().Be(NineMegabytes);
    }
}

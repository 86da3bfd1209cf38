using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests;

/// <summary>Device choice by name.</summary>
public class DeviceTests
{
    [Fact]
    public void Devices_are_chosen_by_name_and_a_missing_cuda_backend_is_a_one_line_error()
    {
        Assert.Equal(TorchSharp.DeviceType.CPU, TorchRuntime.SelectDevice("cpu").type);
        Assert.Equal("device 'tpu': expected cpu, cuda or cuda:N", Failure.Of(() => TorchRuntime.SelectDevice("tpu")));
        // This project references TorchSharp-cpu, so CUDA is never available to it.
        Assert.Equal("device 'cuda': CUDA is not available; reference a TorchSharp-cuda package instead of TorchSharp-cpu, or use --device cpu",
            Failure.Of(() => TorchRuntime.SelectDevice("cuda")));
    }
}

import torch

torch.manual_seed(0)

tiny = torch.full((128, 128), 1e-30)  # (1)!
print(f"norm of 128x128 entries 1e-30: float32 {tiny.norm().item():.1e}, float64 {tiny.double().norm().item():.1e}")
smallest = torch.finfo(torch.float32).smallest_normal * 2**-23  # (2)!
print(f"(1e-30)**2 = {1e-30**2:.0e}, smallest float32 {smallest:.1e}")

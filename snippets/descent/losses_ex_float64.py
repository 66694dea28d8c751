import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)

target = torch.tensor([0])
for v in [700.0, 740.0, 750.0, 800.0]:
    z = torch.tensor([[0.0, v]], dtype=torch.float64)
    naive = F.nll_loss(torch.log(F.softmax(z, dim=1)), target)
    print(f"v={v:5}", naive, F.cross_entropy(z, target))
tiny = math.ulp(0.0)  # the smallest positive float64, a subnormal
print(f"smallest float64 {tiny:.1e} = e^{math.log(tiny):.0f}")

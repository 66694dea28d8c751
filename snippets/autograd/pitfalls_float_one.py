import warnings

import torch

torch.manual_seed(0)
torch.set_warn_always(True)  # (1)!

x = torch.ones(1, requires_grad=True)
loss = (x * 2).sum()
with warnings.catch_warnings(record=True) as caught:  # (2)!
    warnings.simplefilter("always")
    print(loss.item(), len(caught))
    print(float(loss), len(caught))
print(f"{caught[0].category.__name__}: {caught[0].message}")
torch.set_warn_always(False)

import warnings

import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
y = x * 2  # (1)!
y.sum().backward()
print(x.grad)
with warnings.catch_warnings(record=True) as caught:  # (2)!
    warnings.simplefilter("always")
    print(y.grad)
print(f"{caught[0].category.__name__}: {caught[0].message}")

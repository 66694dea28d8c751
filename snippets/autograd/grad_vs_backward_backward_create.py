import warnings

import torch

torch.manual_seed(0)
torch.set_warn_always(True)  # (1)!

x = torch.tensor(2.0, requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    (x**3).backward(create_graph=True)
print("x.grad:", x.grad)  # (2)!
print(f"{caught[0].category.__name__}: {str(caught[0].message).split('. ')[0]}")

(d2,) = torch.autograd.grad(x.grad, x)  # (3)!
print("d(x.grad)/dx:", d2)
x.grad = None  # (4)!
torch.set_warn_always(False)
